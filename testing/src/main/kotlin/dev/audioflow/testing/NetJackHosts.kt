package dev.audioflow.testing

import java.io.File
import java.nio.file.Files
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.seconds

/**
 * Two "hosts" for netjack2 tests: two Linux network namespaces joined by a veth pair with a
 * multicast route, each running its own `jackd`. The master host runs `jackd -d dummy`; the slave
 * host, once [startSlave] is called, runs `jackd -d net`, which finds the master by multicast and
 * appears there as a client with `to_slave_N`/`from_slave_N` ports once the master runs
 * netmanager. Both servers are reachable from the test JVM by name (JACK's sockets and shared
 * memory live in `/dev/shm`, which the namespaces share); only the audio crosses the veth.
 *
 * Needs root and iproute2 (`ip netns`); [NetnsAvailable] skips a spec loudly without them, except
 * under `CI=true`. Every name is unique per JVM and instance, so concurrent suites do not meet.
 *
 * Not thread-safe; [close] (idempotent) kills both servers and deletes both namespaces. Every
 * method blocks while the processes it runs start or stop (seconds at most).
 *
 * ```
 * NetJackHosts.create().use { hosts ->
 *     jackClient("ctl", hosts.masterServer) { loadInternalClient("netmanager", arguments = hosts.netmanagerArguments) }
 *     hosts.startSlave()
 *     println(hosts.slaveServer)
 * }
 * ```
 *
 * @property masterServer the master host's JACK server name.
 * @property slaveServer the slave host's JACK server name (running after [startSlave]).
 * @property slaveClient the name the slave takes on the master (`-n` of the net driver).
 * @property multicastAddress the multicast group master and slave meet on.
 * @property udpPort the netjack2 UDP port.
 * @property period the master's period in frames (the slave follows it).
 */
public class NetJackHosts private constructor(
    private val id: String,
    public val period: Int,
    public val multicastAddress: String,
    public val udpPort: Int,
) : AutoCloseable {
    public val masterServer: String = "afnet-m-$id"
    public val slaveServer: String = "afnet-s-$id"
    public val slaveClient: String = "afslave$id".replace("-", "")
    private val masterNs = "afnet-m-$id"
    private val slaveNs = "afnet-s-$id"
    private var master: Process? = null
    private var slave: Process? = null
    private var slaveNsAlive = false
    private val veth = "afv$id".take(12)
    private val peer = "afp$id".take(12)
    private val logs = mutableListOf<File>()
    private val processes = mutableListOf<Process>()

    /** The init string for `netmanager` on the master: `-a GROUP -p PORT`. */
    public val netmanagerArguments: String get() = "-a $multicastAddress -p $udpPort"

    /** True while the slave host's jackd runs. */
    public val slaveRunning: Boolean get() = slave?.isAlive == true

    /** Everything both servers printed so far. */
    public fun logs(): String = logs.joinToString("\n") { "--- ${it.name}\n" + (if (it.exists()) it.readText() else "") }

    /**
     * Starts the slave host's `jackd -d net` with [channels] audio channels each way and waits
     * until the master lists its ports (`slaveClient:from_slave_1`): the master must run
     * netmanager by then.
     *
     * @throws IllegalStateException when the slave does not reach the master within [timeoutMillis].
     */
    @JvmOverloads
    public fun startSlave(channels: Int = 2, timeoutMillis: Long = 15_000) {
        check(slave == null) { "the slave host runs already" }
        slave = launch(
            slaveNs, slaveServer,
            listOf("-d", "net", "-a", multicastAddress, "-p", udpPort.toString(), "-C", channels.toString(), "-P", channels.toString(), "-n", slaveClient),
        )
        val deadline = System.nanoTime() + timeoutMillis * 1_000_000
        while (System.nanoTime() < deadline) {
            check(slave!!.isAlive) { "the slave jackd exited: ${logs()}" }
            if (lsp(masterServer).contains("$slaveClient:from_slave_1") && lsp(slaveServer).contains("system:playback_1")) return
            Thread.sleep(50)
        }
        throw IllegalStateException("the slave did not reach the master within $timeoutMillis ms: ${logs()}")
    }

    /**
     * Starts [command] as a process on the slave host (in its namespace), with
     * `JACK_DEFAULT_SERVER` set to [slaveServer]: a pipeline that plays there must run in a
     * process of its own, because libjack serves one server per process and the test JVM is the
     * master's client. Its output goes to [log]; the caller ends the process (it also dies with
     * the slave host).
     */
    public fun startOnSlaveHost(command: List<String>, log: File): Process {
        val builder = ProcessBuilder(listOf("ip", "netns", "exec", slaveNs) + command).redirectErrorStream(true).redirectOutput(log)
        builder.environment()["JACK_DEFAULT_SERVER"] = slaveServer
        builder.environment()["JACK_NO_START_SERVER"] = "1"
        return builder.start().also { processes += it }
    }

    /**
     * Runs the JACK tool [command] (`jack_connect`, `jack_lsp`...) against the slave's server and
     * returns its output.
     *
     * @throws IllegalStateException when it fails or takes more than 10 s.
     */
    public fun slaveTool(command: String, vararg args: String): String {
        val result = JackTool.run(slaveServer, command, args.toList(), 10.seconds)
        check(result.exitCode == 0) { "$command ${args.joinToString(" ")} failed on $slaveServer: ${result.output}" }
        return result.output
    }

    /**
     * Tears the slave host down as a crash would: SIGKILL of its processes and its jackd, then,
     * 300 ms later, its namespace (and with it the veth) deleted. The master is left alone.
     */
    public fun destroySlaveHost() {
        processes.forEach { it.destroyForcibly() }
        slave?.let {
            it.destroyForcibly()
            it.waitFor(5, TimeUnit.SECONDS)
        }
        // The veth stays up a moment after the crash, as a host's network does while its server
        // dies: the master's next packets meet a closed port, and the ICMP "port unreachable"
        // is what makes netjack2's master drop the slave (measured 0.2 s). With the link gone at
        // once (a pulled cable), the master notices nothing: it still listed the slave 10 s later.
        Thread.sleep(LINGER_MILLIS)
        if (slaveNsAlive) {
            exec("ip", "netns", "del", slaveNs)
            slaveNsAlive = false
        }
        JackRegistry.reclaim()
    }

    /**
     * Cuts the network between the hosts at once, as a pulled cable does: the veth pair is
     * deleted while both servers and every process on the slave host go on running, so neither
     * side gets a packet, an ICMP error or a goodbye. netjack2's master does not notice this: it
     * goes on listing the slave and waits for its packets, so the clients it feeds get no more
     * cycles, and a stream there needs a watchdog such as `failWhenSilent` to end.
     *
     * @throws IllegalStateException when `ip` fails (the link is cut already, or the slave host is gone).
     */
    public fun cutLink() {
        runChecked("ip", "-n", masterNs, "link", "del", veth)
    }

    override fun close() {
        for (process in processes + listOfNotNull(slave, master)) {
            process.destroy()
            if (!process.waitFor(8, TimeUnit.SECONDS)) {
                process.destroyForcibly()
                process.waitFor(5, TimeUnit.SECONDS)
            }
        }
        slave = null
        master = null
        if (slaveNsAlive) exec("ip", "netns", "del", slaveNs)
        slaveNsAlive = false
        exec("ip", "netns", "del", masterNs)
        JackRegistry.reclaim()
        logs.forEach { it.delete() }
    }

    private fun setUp() {
        val subnet = "10.${200 + (counter.get() % 50)}.${(ProcessHandle.current().pid() % 250).toInt()}"
        runChecked("ip", "netns", "add", masterNs)
        runChecked("ip", "netns", "add", slaveNs)
        slaveNsAlive = true
        runChecked("ip", "link", "add", veth, "type", "veth", "peer", "name", peer)
        runChecked("ip", "link", "set", veth, "netns", masterNs)
        runChecked("ip", "link", "set", peer, "netns", slaveNs)
        for ((ns, dev, address) in listOf(Triple(masterNs, veth, "$subnet.1/24"), Triple(slaveNs, peer, "$subnet.2/24"))) {
            runChecked("ip", "-n", ns, "addr", "add", address, "dev", dev)
            runChecked("ip", "-n", ns, "link", "set", dev, "up")
            runChecked("ip", "-n", ns, "link", "set", "lo", "up")
            runChecked("ip", "-n", ns, "route", "add", "224.0.0.0/4", "dev", dev)
        }
        master = launch(masterNs, masterServer, listOf("-d", "dummy", "-r", "48000", "-p", period.toString()))
        val deadline = System.nanoTime() + 10_000_000_000L
        while (!lsp(masterServer).contains("system:capture_1")) {
            check(master!!.isAlive && System.nanoTime() < deadline) { "the master jackd did not come up: ${logs()}" }
            Thread.sleep(50)
        }
    }

    private fun launch(namespace: String, server: String, driver: List<String>): Process {
        JackRegistry.reclaim()
        val log = Files.createTempFile("audioflow-$server", ".log").toFile()
        logs += log
        val builder = ProcessBuilder(listOf("ip", "netns", "exec", namespace, JackServer.jackd.toString(), "--no-realtime", "-n", server) + driver)
            .redirectErrorStream(true).redirectOutput(log)
        builder.environment()["JACK_NO_START_SERVER"] = "1"
        return builder.start()
    }

    private fun lsp(server: String): String =
        JackTool.run(server, "jack_lsp", emptyList(), 5.seconds).let { if (it.exitCode == 0) it.output else "" }

    public companion object {
        private val counter = AtomicInteger()
        private const val LINGER_MILLIS = 300L

        /** Null when network-namespace hosts can be made here, else why not. */
        @JvmStatic
        public val missingReason: String? by lazy {
            JackServer.missingReason ?: run {
                if (exec("ip", "-V") != 0) return@run "iproute2 (ip) not found; apt-get install iproute2"
                val probe = "afnet-probe-${ProcessHandle.current().pid()}"
                if (exec("ip", "netns", "add", probe) != 0) return@run "cannot create network namespaces (needs root or CAP_SYS_ADMIN)"
                exec("ip", "netns", "del", probe)
                null
            }
        }

        /**
         * Makes both namespaces and the veth between them and starts the master's jackd.
         *
         * @throws IllegalStateException when namespaces cannot be made or the master does not come up.
         */
        @JvmStatic
        @JvmOverloads
        public fun create(period: Int = 256): NetJackHosts {
            missingReason?.let { throw IllegalStateException("cannot make netjack test hosts: $it") }
            val n = counter.incrementAndGet()
            val id = "${ProcessHandle.current().pid() % 100_000}-$n"
            val group = "239.${100 + n % 100}.${(ProcessHandle.current().pid() % 250).toInt()}.1"
            val hosts = NetJackHosts(id, period, group, 19_000 + (ProcessHandle.current().pid() % 5_000).toInt() + n)
            try {
                hosts.setUp()
            } catch (e: Throwable) {
                hosts.close()
                throw e
            }
            return hosts
        }


        private fun exec(vararg command: String): Int {
            val process = ProcessBuilder(*command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly()
                return -1
            }
            return process.exitValue()
        }

        private fun runChecked(vararg command: String) {
            check(exec(*command) == 0) { "'${command.joinToString(" ")}' failed" }
        }
    }
}
