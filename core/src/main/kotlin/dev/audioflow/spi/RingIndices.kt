package dev.audioflow.spi

import java.lang.invoke.MethodHandles
import java.lang.invoke.VarHandle

// The producer's and consumer's fields live in one object, separated by 128 bytes of padding on
// each side so the two threads never write the same cache line (the JCTools layout). The JVM lays
// superclass fields out before subclass fields, which is what keeps the groups apart.

@Suppress("unused")
internal abstract class RingPad0 {
    @JvmField protected var p00: Long = 0; @JvmField protected var p01: Long = 0
    @JvmField protected var p02: Long = 0; @JvmField protected var p03: Long = 0
    @JvmField protected var p04: Long = 0; @JvmField protected var p05: Long = 0
    @JvmField protected var p06: Long = 0; @JvmField protected var p07: Long = 0
    @JvmField protected var p08: Long = 0; @JvmField protected var p09: Long = 0
    @JvmField protected var p0a: Long = 0; @JvmField protected var p0b: Long = 0
    @JvmField protected var p0c: Long = 0; @JvmField protected var p0d: Long = 0
    @JvmField protected var p0e: Long = 0; @JvmField protected var p0f: Long = 0
}

/** Written only by the producer. */
internal abstract class RingProducerFields : RingPad0() {
    /** Free-running count of frames ever written; published with release semantics. */
    @JvmField var writeIndex: Long = 0

    /** The producer's last view of [RingConsumerFields.readIndex]. */
    @JvmField var cachedReadIndex: Long = 0
}

@Suppress("unused")
internal abstract class RingPad1 : RingProducerFields() {
    @JvmField protected var p10: Long = 0; @JvmField protected var p11: Long = 0
    @JvmField protected var p12: Long = 0; @JvmField protected var p13: Long = 0
    @JvmField protected var p14: Long = 0; @JvmField protected var p15: Long = 0
    @JvmField protected var p16: Long = 0; @JvmField protected var p17: Long = 0
    @JvmField protected var p18: Long = 0; @JvmField protected var p19: Long = 0
    @JvmField protected var p1a: Long = 0; @JvmField protected var p1b: Long = 0
    @JvmField protected var p1c: Long = 0; @JvmField protected var p1d: Long = 0
    @JvmField protected var p1e: Long = 0; @JvmField protected var p1f: Long = 0
}

/** Written only by the consumer. */
internal abstract class RingConsumerFields : RingPad1() {
    /** Free-running count of frames ever read; published with release semantics. */
    @JvmField var readIndex: Long = 0

    /** The consumer's last view of [RingProducerFields.writeIndex]. */
    @JvmField var cachedWriteIndex: Long = 0
}

@Suppress("unused")
internal abstract class RingPad2 : RingConsumerFields() {
    @JvmField protected var p20: Long = 0; @JvmField protected var p21: Long = 0
    @JvmField protected var p22: Long = 0; @JvmField protected var p23: Long = 0
    @JvmField protected var p24: Long = 0; @JvmField protected var p25: Long = 0
    @JvmField protected var p26: Long = 0; @JvmField protected var p27: Long = 0
    @JvmField protected var p28: Long = 0; @JvmField protected var p29: Long = 0
    @JvmField protected var p2a: Long = 0; @JvmField protected var p2b: Long = 0
    @JvmField protected var p2c: Long = 0; @JvmField protected var p2d: Long = 0
    @JvmField protected var p2e: Long = 0; @JvmField protected var p2f: Long = 0
}

/** The padded index state of one [FloatRing]. */
internal class RingIndices : RingPad2() {
    fun writeIndexAcquire(): Long = WRITE_INDEX.getAcquire(this) as Long
    fun readIndexAcquire(): Long = READ_INDEX.getAcquire(this) as Long
    fun publishWriteIndex(value: Long) = WRITE_INDEX.setRelease(this, value)
    fun publishReadIndex(value: Long) = READ_INDEX.setRelease(this, value)

    private companion object {
        private val WRITE_INDEX: VarHandle = MethodHandles.lookup()
            .findVarHandle(RingProducerFields::class.java, "writeIndex", Long::class.javaPrimitiveType)
        private val READ_INDEX: VarHandle = MethodHandles.lookup()
            .findVarHandle(RingConsumerFields::class.java, "readIndex", Long::class.javaPrimitiveType)
    }
}
