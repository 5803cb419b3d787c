package dev.audioflow.jack.internal

import com.sun.jna.Callback

/** `int (*)(jack_nframes_t, void*)` on the process thread. */
internal interface ProcessCallback : Callback {
    fun invoke(frames: Int, arg: Long): Int
}

/** `int (*)(void*)`: xrun and graph order. */
internal interface ArgCallback : Callback {
    fun invoke(arg: Long): Int
}

/** `int (*)(jack_nframes_t, void*)`: buffer size and sample rate. */
internal interface FramesCallback : Callback {
    fun invoke(frames: Int, arg: Long): Int
}

internal interface PortRegistrationCallback : Callback {
    fun invoke(port: Int, register: Int, arg: Long)
}

internal interface PortConnectCallback : Callback {
    fun invoke(a: Int, b: Int, connect: Int, arg: Long)
}

internal interface PortRenameCallback : Callback {
    fun invoke(port: Int, oldName: Long, newName: Long, arg: Long)
}

internal interface ClientRegistrationCallback : Callback {
    fun invoke(name: Long, register: Int, arg: Long)
}

internal interface FreewheelCallback : Callback {
    fun invoke(starting: Int, arg: Long)
}

internal interface LatencyCallback : Callback {
    fun invoke(mode: Int, arg: Long)
}

internal interface InfoShutdownCallback : Callback {
    fun invoke(code: Int, reason: Long, arg: Long)
}
