package dev.audioflow.spi.ffm

import java.lang.foreign.FunctionDescriptor
import java.lang.foreign.MemoryLayout
import java.lang.foreign.ValueLayout
import java.lang.invoke.MethodType

/**
 * C function descriptors from the Java [MethodType] of a handle, by the rule of
 * [dev.audioflow.spi.ForeignBinding]: each primitive maps to the C value of its size and a
 * pointer is a `long` address (`JAVA_LONG`, passed in the same registers as a pointer on every
 * 64-bit ABI the JDK's linker supports), so no `MemorySegment` is created per call.
 */
internal object CSignatures {
    /** The descriptor of [type]; a `void` result gives `FunctionDescriptor.ofVoid`. */
    fun of(type: MethodType): FunctionDescriptor {
        val arguments = Array(type.parameterCount()) { layoutOf(type.parameterType(it), type) }
        val result = type.returnType()
        return if (result == Void.TYPE) FunctionDescriptor.ofVoid(*arguments) else FunctionDescriptor.of(layoutOf(result, type), *arguments)
    }

    private fun layoutOf(carrier: Class<*>, type: MethodType): MemoryLayout = when (carrier) {
        java.lang.Long.TYPE -> ValueLayout.JAVA_LONG
        Integer.TYPE -> ValueLayout.JAVA_INT
        java.lang.Short.TYPE -> ValueLayout.JAVA_SHORT
        java.lang.Byte.TYPE -> ValueLayout.JAVA_BYTE
        java.lang.Float.TYPE -> ValueLayout.JAVA_FLOAT
        java.lang.Double.TYPE -> ValueLayout.JAVA_DOUBLE
        else -> throw IllegalArgumentException("a C signature takes long, int, short, byte, float or double values (pointers as long); $type has ${carrier.name}")
    }
}
