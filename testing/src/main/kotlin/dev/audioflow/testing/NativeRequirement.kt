package dev.audioflow.testing

/**
 * Decides whether a test that needs a native part (libportaudio, libjack, jackd, sox) may run.
 *
 * When the part is present, the test runs. When it is truly absent, the test is skipped with a
 * loud message on stderr, except under CI (`CI=true`), where a missing part fails the test:
 * CI installs everything, so absence there is a broken setup, not a reason to skip.
 *
 * ```
 * test("sox reads what we write").config(enabled = NativeRequirement.available("sox", NativeRequirement.hasExecutable("sox"), "apt-get install sox")) { ... }
 * ```
 */
public object NativeRequirement {
    /** True under CI (`CI=true`), where nothing may be skipped. */
    @JvmStatic
    public val isCi: Boolean get() = System.getenv("CI").equals("true", ignoreCase = true)

    /**
     * Returns true when [present]; otherwise prints why [what] is skipped and how to install it
     * ([howToInstall]) and returns false. Never blocks.
     *
     * @throws AssertionError instead of returning false under CI.
     */
    @JvmStatic
    public fun available(what: String, present: Boolean, howToInstall: String): Boolean {
        if (present) return true
        val message = "$what is not available ($howToInstall)"
        if (isCi) throw AssertionError("CI=true: $message; CI must not skip native tests")
        System.err.println("!!!!! SKIPPING: $message !!!!!")
        return false
    }

    /** True when an executable called [name] is on the PATH (or in /usr/sbin, /usr/bin, /bin). */
    @JvmStatic
    public fun hasExecutable(name: String): Boolean =
        (System.getenv("PATH").orEmpty().split(':') + listOf("/usr/bin", "/usr/sbin", "/bin"))
            .any { java.io.File(it, name).canExecute() }
}
