package dev.audioflow.testing

import java.io.File
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration

/**
 * A private `jackd -d dummy` server for tests: started under a unique server name with
 * `--no-realtime`, ready once it answers `jack_lsp`, killed by [close] (and, as a last resort,
 * when the JVM exits).
 *
 * Use it as a scoped resource (`JackServer.start().use { server -> ... }`) or through
 * [JackServerExtension] so a spec gets one server for all its tests. Clients reach it with the
 * [name] as JACK server name, or through the tools [lsp]/[tool], which run with
 * `JACK_DEFAULT_SERVER` set and `JACK_NO_START_SERVER` so they never start a stray server.
 *
 * When jackd is missing, [start] throws; specs guard themselves with
 * `@EnabledIf(JackInstalled::class)`, which skips them loudly, except under `CI=true` where a
 * missing jackd is a failure.
 *
 * Thread-safe. [start], [tool], [kill] and [close] block while the processes they run start
 * or stop (seconds at most).
 *
 * ```
 * JackServer.start { period = 64 }.use { server ->
 *     jackClient("test", server.name) { println(bufferSize) }      // 64
 *     println(server.lsp())                                         // system:capture_1 ...
 * }
 * ```
 *
 * @property name the JACK server name (`-n`).
 * @property sampleRate the dummy driver's rate.
 * @property period the dummy driver's period in frames.
 */
public class JackServer private constructor(
    public val name: String,
    public val sampleRate: Int,
    public val period: Int,
    private val process: Process,
    private val log: File,
) : AutoCloseable {

    /** The jackd process id, for fault-injection tests that need to kill it. */
    public val pid: Long get() = process.pid()

    /** True while jackd runs. */
    public val isAlive: Boolean get() = process.isAlive

    /** Everything jackd printed so far. */
    public fun log(): String = if (log.exists()) log.readText() else ""

    /** Runs `jack_lsp` with [args] against this server and returns its standard output. */
    public fun lsp(vararg args: String): String = tool("jack_lsp", *args)

    /**
     * Runs the JACK tool [command] (`jack_connect`, `jack_transport`...) with [args] against this
     * server and returns its standard output, waiting at most 10 seconds.
     *
     * @throws IllegalStateException when the tool exits with a non-zero status, with its output.
     */
    public fun tool(command: String, vararg args: String): String {
        val result = JackTool.run(name, command, args.toList(), TOOL_TIMEOUT)
        check(result.exitCode == 0) { "$command ${args.joinToString(" ")} exited with ${result.exitCode} on server $name: ${result.output}" }
        return result.output
    }

    @Volatile private var crashed = false

    /**
     * Kills jackd at once (SIGKILL), as a crash would, and waits for it to be gone. [close]
     * later frees the server slot the dead jackd leaves in JACK's shared registry.
     */
    @Throws(InterruptedException::class)
    public fun kill() {
        crashed = true
        process.destroyForcibly()
        process.waitFor(5, TimeUnit.SECONDS)
    }

    /**
     * Stops jackd (SIGTERM, then SIGKILL after 5 s) and removes its log. After [kill] (or a
     * forced stop) it also frees the dead server's slot in JACK's shared-memory registry.
     * Idempotent.
     */
    @Throws(InterruptedException::class)
    override fun close() {
        if (process.isAlive) {
            process.destroy()
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                crashed = true
                process.destroyForcibly()
                process.waitFor(5, TimeUnit.SECONDS)
            }
        }
        if (crashed) {
            crashed = false
            JackRegistry.reclaim()
        }
        live.remove(this)
        log.delete()
    }

    override fun toString(): String = "JackServer($name, $sampleRate Hz, period $period, pid ${process.pid()})"

    /** JVM exit: SIGTERM first so jackd frees its registry slot, SIGKILL only if it hangs. */
    private fun stopOnExit() {
        process.destroy()
        if (!process.waitFor(2, TimeUnit.SECONDS)) process.destroyForcibly()
    }

    /**
     * How to start a server.
     *
     * @property period frames per period (`-p`).
     * @property sampleRate sample rate (`-r`).
     * @property captureChannels physical capture ports `system:capture_N` (`-C`).
     * @property playbackChannels physical playback ports `system:playback_N` (`-P`).
     * @property extraServerArgs more jackd options, placed before `-d dummy`.
     * @property startTimeout how long to wait for the server to answer; Java reads and sets it
     *   as a `java.time.Duration` with [startTimeout]`()` and `startTimeout(Duration)`.
     *
     * ```java
     * JackServer.Options options = new JackServer.Options(64).startTimeout(Duration.ofSeconds(20));
     * ```
     */
    public class Options @JvmOverloads constructor(
        public var period: Int = 256,
        public var sampleRate: Int = 48_000,
        public var captureChannels: Int = 2,
        public var playbackChannels: Int = 2,
        public var extraServerArgs: List<String> = emptyList(),
        @get:JvmSynthetic @set:JvmSynthetic public var startTimeout: Duration = 10.seconds,
    ) {
        /** [startTimeout] as a `java.time.Duration` (the Java form). */
        public fun startTimeout(): java.time.Duration = startTimeout.toJavaDuration()

        /** Sets [startTimeout] from a `java.time.Duration` (the Java form); returns these options. */
        public fun startTimeout(timeout: java.time.Duration): Options = apply { startTimeout = timeout.toKotlinDuration() }

        /** A copy with the given properties replaced (Kotlin only, as a data class's `copy`). */
        @JvmSynthetic
        public fun copy(
            period: Int = this.period,
            sampleRate: Int = this.sampleRate,
            captureChannels: Int = this.captureChannels,
            playbackChannels: Int = this.playbackChannels,
            extraServerArgs: List<String> = this.extraServerArgs,
            startTimeout: Duration = this.startTimeout,
        ): Options = Options(period, sampleRate, captureChannels, playbackChannels, extraServerArgs, startTimeout)

        /** [period], for destructuring (Kotlin only). */
        @JvmSynthetic
        public operator fun component1(): Int = period

        /** [sampleRate], for destructuring (Kotlin only). */
        @JvmSynthetic
        public operator fun component2(): Int = sampleRate

        /** [captureChannels], for destructuring (Kotlin only). */
        @JvmSynthetic
        public operator fun component3(): Int = captureChannels

        /** [playbackChannels], for destructuring (Kotlin only). */
        @JvmSynthetic
        public operator fun component4(): Int = playbackChannels

        /** [extraServerArgs], for destructuring (Kotlin only). */
        @JvmSynthetic
        public operator fun component5(): List<String> = extraServerArgs

        /** [startTimeout], for destructuring (Kotlin only). */
        @JvmSynthetic
        public operator fun component6(): Duration = startTimeout

        override fun toString(): String =
            "Options(period=$period, sampleRate=$sampleRate, captureChannels=$captureChannels, " +
                "playbackChannels=$playbackChannels, extraServerArgs=$extraServerArgs, startTimeout=$startTimeout)"
    }

    public companion object {
        private val TOOL_TIMEOUT = 10.seconds
        private val counter = AtomicInteger()
        private val live: MutableSet<JackServer> = ConcurrentHashMap.newKeySet()

        init {
            Runtime.getRuntime().addShutdownHook(Thread({ live.toList().forEach { it.stopOnExit() } }, "jackd-reaper"))
        }

        /** How long [start] waits for one of jackd's eight server slots when other live servers hold all of them. */
        private val SLOT_WAIT = 60.seconds

        /**
         * Frees dead servers' slots, then waits until a slot is free: eight live servers (other
         * suites on the machine) would make jackd exit with "Too many servers already active".
         */
        private fun awaitSlot(deadline: Long) {
            while (true) {
                val taken = JackRegistry.reclaim()
                if (taken.size < 8) return
                check(System.nanoTime() < deadline) {
                    "all 8 JACK server slots stay taken by live servers for $SLOT_WAIT: ${taken.values.joinToString()}"
                }
                Thread.sleep(200)
            }
        }

        /** True when the environment demands real JACK tests (`CI=true`): missing jackd fails. */
        @JvmStatic
        public val required: Boolean get() = System.getenv("CI").equals("true", ignoreCase = true)

        /** The jackd executable, from `JACKD` or the PATH, or null when absent. */
        @JvmStatic
        public val jackd: Path? by lazy {
            System.getenv("JACKD")?.let { Paths.get(it) }?.takeIf { Files.isExecutable(it) } ?: JackTool.find("jackd")
        }

        /** The system libjack (`libjack.so.0`), or null when absent. */
        @JvmStatic
        public val libjack: Path? by lazy {
            listOf("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib", "/lib/x86_64-linux-gnu")
                .map { Paths.get(it, "libjack.so.0") }
                .firstOrNull { Files.exists(it) }
        }

        /** Null when jackd, the JACK tools and libjack are all present, else what is missing and how to get it. */
        @JvmStatic
        public val missingReason: String? get() {
            val missing = buildList {
                if (jackd == null) add("jackd")
                if (JackTool.find("jack_lsp") == null) add("jack_lsp")
                if (libjack == null) add("libjack.so.0")
            }
            return if (missing.isEmpty()) null else "${missing.joinToString()} not found; install jackd2 and libjack-jackd2-0 (apt-get install jackd2 libjack-jackd2-0)"
        }

        /**
         * Starts a server with [options] and waits until it answers.
         *
         * ```
         * JackServer.start(JackServer.Options(period = 64)).use { server -> JackClient.open("t", server.name) }
         * ```
         *
         * @throws IllegalStateException when jackd is missing or does not come up in time, with its log.
         */
        @JvmStatic
        @JvmOverloads
        @Throws(InterruptedException::class)
        public fun start(options: Options = Options()): JackServer {
            missingReason?.let { throw IllegalStateException("cannot start a test JACK server: $it") }
            val name = "audioflow-test-${ProcessHandle.current().pid()}-${counter.incrementAndGet()}-${System.nanoTime() % 100_000}"
            val log = Files.createTempFile("audioflow-jackd-$name", ".log").toFile()
            val command = listOf(jackd.toString(), "--no-realtime", "-n", name) + options.extraServerArgs + listOf(
                "-d", "dummy", "-r", options.sampleRate.toString(), "-p", options.period.toString(),
                "-C", options.captureChannels.toString(), "-P", options.playbackChannels.toString(),
            )
            val builder = ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log)
            builder.environment()["JACK_NO_START_SERVER"] = "1"
            val slotDeadline = System.nanoTime() + SLOT_WAIT.inWholeNanoseconds
            while (true) {
                awaitSlot(slotDeadline)
                val server = JackServer(name, options.sampleRate, options.period, builder.start(), log)
                live += server
                try {
                    server.awaitReady(options)
                    return server
                } catch (e: Throwable) {
                    val lostSlotRace = !server.isAlive && "Too many servers already active" in server.log()
                    server.close()
                    // Another JVM's server took the last free slot between our check and jackd's registration.
                    if (!lostSlotRace || System.nanoTime() >= slotDeadline) throw e
                }
            }
        }

        /** Starts a server configured by [configure]: `JackServer.start { period = 64 }`. See [start]. */
        @JvmSynthetic
        public fun start(configure: Options.() -> Unit): JackServer = start(Options().apply(configure))

        private fun JackServer.awaitReady(options: Options) {
            val deadline = System.nanoTime() + options.startTimeout.inWholeNanoseconds
            val expected = if (options.captureChannels > 0) "system:capture_1" else "system:playback_1"
            while (System.nanoTime() < deadline) {
                check(process.isAlive) { "jackd for server $name exited with ${process.exitValue()}: ${log()}" }
                val result = JackTool.run(name, "jack_lsp", emptyList(), 5.seconds)
                if (result.exitCode == 0 && result.output.lines().any { it.trim() == expected }) return
                Thread.sleep(50)
            }
            throw IllegalStateException("jackd server $name did not answer within ${options.startTimeout}: ${log()}")
        }

    }
}
