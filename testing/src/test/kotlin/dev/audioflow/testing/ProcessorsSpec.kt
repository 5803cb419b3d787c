package dev.audioflow.testing

import dev.audioflow.AudioProcessor
import dev.audioflow.DelicateAudioApi
import dev.audioflow.ProcessCycle
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.string.shouldContain

@OptIn(DelicateAudioApi::class)
class ProcessorsSpec : FunSpec({
    test("an allocation-free processor passes") {
        Processors.assertAllocationFree({ input, output, frames, _ -> input.copyInto(output, 0, 0, frames * 2) }, 2, 2)
    }

    test("a processor that allocates fails, naming the method that allocated") {
        val e = shouldThrow<AssertionError> { Processors.assertAllocationFree(CopyingProcessor(), 2, 2) }
        e.message shouldContain "CopyingProcessor allocates on the audio thread"
        e.message shouldContain "CopyingProcessor.process line"
    }
})

/** Copies its input into a new array every cycle: exactly what a processor must not do. */
@OptIn(DelicateAudioApi::class)
private class CopyingProcessor : AudioProcessor {
    override fun process(input: FloatArray, output: FloatArray, frames: Int, cycle: ProcessCycle) {
        val copy = input.copyOf(frames * 2)
        copy.copyInto(output)
    }
}
