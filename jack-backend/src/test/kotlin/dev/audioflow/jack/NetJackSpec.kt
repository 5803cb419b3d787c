package dev.audioflow.jack

import dev.audioflow.AudioErrorKind
import dev.audioflow.AudioException
import dev.audioflow.AudioFormat
import dev.audioflow.FloatBlock
import dev.audioflow.flow.failWhenSilent
import dev.audioflow.flow.gain
import dev.audioflow.flow.sine
import dev.audioflow.testing.JackServer
import dev.audioflow.testing.NetJackHosts
import dev.audioflow.testing.NetnsAvailable
import io.kotest.assertions.withClue
import io.kotest.core.annotation.EnabledIf
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.ints.shouldBeGreaterThanOrEqual
import io.kotest.matchers.doubles.plusOrMinus
import io.kotest.matchers.doubles.shouldBeGreaterThan
import io.kotest.matchers.doubles.shouldBeLessThanOrEqual
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.drop
import kotlinx.coroutines.flow.onEach
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull
import java.util.Collections
import kotlin.math.abs
import kotlin.math.PI
import kotlin.math.cos
import kotlin.math.sin
import kotlin.time.Duration.Companion.milliseconds

/**
 * netjack2 between two hosts made of network namespaces (see [NetJackHosts]): the master loads
 * netmanager through [loadInternalClient], a slave `jackd -d net` joins, a pipeline on the slave
 * host reaches an audioflow stream on the master, and a slave host torn down mid-stream ends that
 * stream and leaves the master working.
 */
@EnabledIf(NetnsAvailable::class)
class NetJackSpec : FunSpec({
    val frequency = 997.0
    val level = 0.5f

    test("a sine played on the slave host arrives at the master (frequency, level), with its round trip in periods; a vanished slave ends the master's stream within a second") {
        NetJackHosts.create(period = 256).use { hosts ->
            JackClient.open("control", hosts.masterServer).use { master ->
                val events = Collections.synchronizedList(ArrayList<JackEvent>())
                coroutineScope {
                    val watcher = launch(start = CoroutineStart.UNDISPATCHED) { master.events.collect { events += it } }
                    master.activate()
                    val manager = master.loadInternalClient("netmanager", arguments = hosts.netmanagerArguments)
                    master.internalClient("netmanager") shouldBe manager
                    master.clientNames() shouldContain "system"

                    hosts.startSlave()
                    val sources = slaveSources(hosts)
                    withTimeout(5_000) { while (sources.any { JackEvent.PortRegistered(it) !in events }) kotlinx.coroutines.delay(20) }
                    withClue("graph events on the master when the slave joined") {
                        events shouldContain JackEvent.ClientRegistered(hosts.slaveClient)
                    }
                    master.clientNames() shouldContain hosts.slaveClient

                    val (player, pipelineLog) = startPipeline(hosts, frequency, level)
                    try {
                        val inputs = listOf(master.registerAudioInput("net_1"), master.registerAudioInput("net_2"))
                        sources.zip(inputs).forEach { (source, input) -> master.connect(source, input.name) }
                        val all = master.input(inputs).failWhenSourcesVanish(master, sources).drop(40).take(120).toList()
                        // On a loaded machine a block may be lost (input overflow) or netjack2 may lose a
                        // packet, which it plays as silence: analyse the longest run of whole blocks.
                        val captured = cleanRun(all)
                        println("NetJackSpec: ${captured.size} of ${all.size} blocks in the longest clean run")
                        withClue("blocks in the longest run without a gap, a status flag or a stretch of silence") {
                            captured.size shouldBeGreaterThanOrEqual 12
                        }
                        val samples = captured.flatMap { block -> (0 until block.frames).map { block.samples[it * 2] } }
                        val rate = master.sampleRate
                        withClue("frequency of what arrived (spectral peak between 900 and 1100 Hz)") {
                            spectralPeak(samples, rate, 900.0, 1100.0) shouldBe (frequency plusOrMinus frequency * 0.01)
                        }
                        withClue("level of what arrived") { samples.maxOf { abs(it) }.toDouble() shouldBe (level.toDouble() plusOrMinus 0.01) }
                        val right = captured.flatMap { block -> (0 until block.frames).map { block.samples[it * 2 + 1] } }
                        withClue("the second channel carries the same sine") { right.maxOf { abs(it) }.toDouble() shouldBe (level.toDouble() plusOrMinus 0.01) }

                        val periods = roundTripPeriods(hosts, master)
                        println("NetJackSpec: round trip master -> slave -> master: $periods periods of ${hosts.period} frames")
                        withClue("round trip in periods (netjack2's default network latency is 5 periods each way at most)") {
                            periods shouldBeGreaterThan 0.0
                            periods shouldBeLessThanOrEqual 16.0
                        }

                        val flowing = CompletableDeferred<Unit>()
                        val stream = async {
                            runCatching { master.input(inputs).failWhenSourcesVanish(master, sources).onEach { flowing.complete(Unit) }.toList() }.exceptionOrNull()
                        }
                        flowing.await()
                        val start = System.nanoTime()
                        val seen = events.size
                        hosts.destroySlaveHost()
                        val failure = withTimeoutOrNull(5_000) { stream.await() }
                        withClue({
                            "the master's stream did not end within 5 s of the slave host's teardown; events since: ${synchronized(events) { events.drop(seen).toList() }}, " +
                                "slave ports still on the master: ${master.ports().filter { it.startsWith(hosts.slaveClient) }}"
                        }) { (failure != null || stream.isCompleted) shouldBe true }
                        val elapsedMillis = (System.nanoTime() - start) / 1_000_000
                        failure.shouldBeInstanceOf<AudioException>()
                        failure.kind shouldBe AudioErrorKind.StreamInvalidated
                        failure.message shouldContain hosts.slaveClient
                        elapsedMillis shouldBeLessThan 1_000L
                    } finally {
                        player.destroyForcibly()
                        player.waitFor()
                        pipelineLog.delete()
                    }
                    withClue("the master after the slave went") {
                        master.ports().filter { it.startsWith(hosts.slaveClient) } shouldBe emptyList()
                        master.shouldStillCycle()
                    }
                    master.unloadInternalClient(manager)
                    master.internalClient("netmanager").shouldBeNull()
                    watcher.cancel()
                }
            }
        }
    }

    test("a link cut without a word (the veth deleted at once, both servers running) ends the master's stream through failWhenSilent, within its limit of the cut") {
        NetJackHosts.create(period = 256).use { hosts ->
            JackClient.open("control", hosts.masterServer).use { master ->
                master.activate()
                master.loadInternalClient("netmanager", arguments = hosts.netmanagerArguments)
                hosts.startSlave()
                val sources = slaveSources(hosts)
                val (player, pipelineLog) = startPipeline(hosts, frequency, level)
                try {
                    coroutineScope {
                        val inputs = listOf(master.registerAudioInput("net_1"), master.registerAudioInput("net_2"))
                        sources.zip(inputs).forEach { (source, input) -> master.connect(source, input.name) }
                        val sounding = CompletableDeferred<Unit>()
                        val stream = async {
                            runCatching {
                                master.input(inputs)
                                    .failWhenSourcesVanish(master, sources)
                                    .failWhenSilent(SILENCE_LIMIT_MILLIS.milliseconds)
                                    .onEach { block -> if (block.samples.any { abs(it) > level / 2 }) sounding.complete(Unit) }
                                    .toList()
                            }.exceptionOrNull()
                        }
                        withTimeout(10_000) { sounding.await() }
                        withClue("the stream runs with the sine arriving, before the cut") { stream.isActive shouldBe true }
                        val start = System.nanoTime()
                        val cyclesAtCut = master.cycles
                        hosts.cutLink()
                        val failure = withTimeoutOrNull(5_000) { stream.await() }
                        val elapsedMillis = (System.nanoTime() - start) / 1_000_000
                        println("NetJackSpec: link cut; the master's stream ended after $elapsedMillis ms: ${failure?.message}")
                        // netjack2's master now waits for packets that never come: its clients downstream of
                        // the lost slave (this one) get no more cycles until they disconnect from it.
                        val stalledAt = master.cycles
                        kotlinx.coroutines.delay(300)
                        println(
                            "NetJackSpec: after the cut the master still lists the slave: ${hosts.slaveClient in master.clientNames()}; " +
                                "this client's cycles: $cyclesAtCut at the cut, $stalledAt at the failure, ${master.cycles} 300 ms later",
                        )
                        sources.zip(inputs).forEach { (source, input) -> master.disconnect(source, input.name) }
                        failure.shouldBeInstanceOf<AudioException>()
                        failure.kind shouldBe AudioErrorKind.StreamInvalidated
                        failure.message shouldContain "no signal"
                        withClue("ms from the cut to the end of the stream (the silence limit is $SILENCE_LIMIT_MILLIS ms)") {
                            elapsedMillis shouldBeGreaterThan SILENCE_LIMIT_MILLIS - 150
                            elapsedMillis shouldBeLessThan SILENCE_LIMIT_MILLIS + 1_000
                        }
                    }
                } finally {
                    player.destroyForcibly()
                    player.waitFor()
                    pipelineLog.delete()
                }
                withClue("the master after the cut, once this client disconnected from the lost slave") {
                    master.shouldStillCycle()
                }
            }
        }
    }

    test("loading an internal client that does not exist fails naming it; unloading twice fails; bad names are refused") {
        JackServer.start().use { server ->
            JackClient.open("control", server.name).use { client ->
                val missing = runCatching { client.loadInternalClient("nosuch", "audioflow_no_such_object") }.exceptionOrNull()
                missing.shouldBeInstanceOf<AudioException>()
                missing.kind shouldBe AudioErrorKind.DeviceNotFound
                missing.message shouldContain "audioflow_no_such_object"
                val blank = runCatching { client.loadInternalClient(" ") }.exceptionOrNull()
                blank.shouldBeInstanceOf<AudioException>()
                blank.kind shouldBe AudioErrorKind.InvalidArgument
                val inprocess = client.loadInternalClient("inproc", "inprocess")
                client.internalClient("inproc") shouldBe inprocess
                client.ports().filter { it.startsWith("inproc:") }.size shouldBe 2
                client.unloadInternalClient(inprocess)
                client.internalClient("inproc").shouldBeNull()
                val twice = runCatching { client.unloadInternalClient(inprocess) }.exceptionOrNull()
                twice.shouldBeInstanceOf<AudioException>()
                twice.kind shouldBe AudioErrorKind.DeviceNotFound
                twice.message shouldContain "inproc"
                val none = runCatching { client.input(emptyList()).failWhenSourcesVanish(client, emptyList()) }.exceptionOrNull()
                none.shouldBeInstanceOf<AudioException>()
                none.kind shouldBe AudioErrorKind.InvalidArgument
            }
        }
    }
})

private const val SILENCE_LIMIT_MILLIS = 500L

/** The slave's ports on the master that carry its audio there (`NAME:from_slave_1`, `_2`). */
private fun slaveSources(hosts: NetJackHosts): List<String> = (1..2).map { "${hosts.slaveClient}:from_slave_$it" }

/** Asserts the client's server is up and its process cycles advance (over 300 ms). */
private suspend fun JackClient.shouldStillCycle() {
    isShutDown shouldBe false
    val before = cycles
    kotlinx.coroutines.delay(300)
    cycles shouldBeGreaterThan before
}

/**
 * Starts the slave host's pipeline (a sine of [frequency] Hz at [level] through `gain` to its
 * JACK playback ports) in a JVM of its own (libjack serves one server per process) and waits
 * until it plays. The caller ends the process and deletes its log.
 */
private suspend fun startPipeline(hosts: NetJackHosts, frequency: Double, level: Float): Pair<Process, java.io.File> {
    val log = java.io.File.createTempFile("netjack-pipeline", ".log")
    val javaBin = java.nio.file.Paths.get(System.getProperty("java.home"), "bin", "java").toString()
    val player = hosts.startOnSlaveHost(
        listOf(javaBin, "-cp", System.getProperty("java.class.path"), "dev.audioflow.jack.NetJackSlavePipelineKt", frequency.toString(), level.toString()),
        log,
    )
    try {
        withTimeout(20_000) {
            while (!log.readText().contains("playing")) {
                check(player.isAlive) { "the slave pipeline died: ${log.readText()}" }
                kotlinx.coroutines.delay(50)
            }
        }
    } catch (e: Throwable) {
        player.destroyForcibly()
        log.delete()
        throw e
    }
    return player to log
}

/**
 * The longest run of consecutive [blocks] (contiguous frame indices) whose status is clear and
 * whose first channel has no stretch of 8 or more exact zeros (a lost netjack2 packet).
 */
private fun cleanRun(blocks: List<FloatBlock>): List<FloatBlock> {
    fun clean(block: FloatBlock): Boolean {
        if (!block.status.isClear) return false
        var zeros = 0
        for (i in 0 until block.frames) {
            zeros = if (block.samples[i * block.format.channels] == 0f) zeros + 1 else 0
            if (zeros >= 8) return false
        }
        return true
    }
    var best = emptyList<FloatBlock>()
    var run = ArrayList<FloatBlock>()
    for (block in blocks) {
        val continues = run.isNotEmpty() && block.frameIndex == run.last().frameIndex + run.last().frames
        if (!clean(block)) {
            run = ArrayList()
            continue
        }
        if (!continues) run = ArrayList()
        run += block
        if (run.size > best.size) best = run
    }
    return best
}

/** The frequency in [from]..[to] (0.1 Hz steps) where the discrete-time Fourier transform of [samples] peaks. */
private fun spectralPeak(samples: List<Float>, sampleRate: Int, from: Double, to: Double): Double {
    var best = from
    var bestPower = -1.0
    var f = from
    while (f <= to) {
        val w = 2 * PI * f / sampleRate
        var re = 0.0
        var im = 0.0
        samples.forEachIndexed { n, x -> re += x * cos(w * n); im -= x * sin(w * n) }
        val power = re * re + im * im
        if (power > bestPower) {
            bestPower = power
            best = f
        }
        f += 0.1
    }
    return best
}

/**
 * The round trip master -> slave -> master in periods, measured by JACK's own `jack_iodelay` on
 * the master, looped on the slave host by connecting its capture ports to its playback ports.
 */
private fun roundTripPeriods(hosts: NetJackHosts, master: JackClient): Double {
    hosts.slaveTool("jack_disconnect", "player:out_1", "system:playback_1")
    hosts.slaveTool("jack_connect", "system:capture_1", "system:playback_1")
    val builder = ProcessBuilder("jack_iodelay").redirectErrorStream(true)
    builder.environment()["JACK_DEFAULT_SERVER"] = hosts.masterServer
    builder.environment()["JACK_NO_START_SERVER"] = "1"
    val iodelay = builder.start()
    try {
        val deadline = System.nanoTime() + 5_000_000_000L
        while (master.portOrNull("jack_delay:out") == null) {
            check(System.nanoTime() < deadline) { "jack_iodelay did not register its ports" }
            Thread.sleep(20)
        }
        master.connectOnceActive("jack_delay:out", "${hosts.slaveClient}:to_slave_1")
        master.connectOnceActive("${hosts.slaveClient}:from_slave_1", "jack_delay:in")
        val reader = iodelay.inputStream.bufferedReader()
        val pattern = Regex("""([0-9.]+) frames\s+[0-9.]+ ms total roundtrip latency""")
        val until = System.nanoTime() + 10_000_000_000L
        var frames: Double? = null
        while (frames == null && System.nanoTime() < until) {
            val line = reader.readLine() ?: break
            pattern.find(line)?.let { frames = it.groupValues[1].toDouble() }
        }
        return (frames ?: error("jack_iodelay measured no round trip through the slave")) / hosts.period
    } finally {
        iodelay.destroy()
        iodelay.waitFor()
        hosts.slaveTool("jack_disconnect", "system:capture_1", "system:playback_1")
        hosts.slaveTool("jack_connect", "player:out_1", "system:playback_1")
    }
}
