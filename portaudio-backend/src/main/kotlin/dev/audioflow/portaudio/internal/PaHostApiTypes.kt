package dev.audioflow.portaudio.internal

import dev.audioflow.HostApiType

/** PortAudio's `PaHostApiTypeId` values (portaudio.h) and their names, one row per [HostApiType] PortAudio knows. */
private val PA_HOST_API_TYPES: List<Triple<Int, HostApiType, String>> = listOf(
    Triple(0, HostApiType.InDevelopment, "in development"),
    Triple(1, HostApiType.DirectSound, "DirectSound"),
    Triple(2, HostApiType.Mme, "MME"),
    Triple(3, HostApiType.Asio, "ASIO"),
    Triple(4, HostApiType.SoundManager, "SoundManager"),
    Triple(5, HostApiType.CoreAudio, "CoreAudio"),
    Triple(7, HostApiType.Oss, "OSS"),
    Triple(8, HostApiType.Alsa, "ALSA"),
    Triple(9, HostApiType.Al, "AL"),
    Triple(10, HostApiType.BeOs, "BeOS"),
    Triple(11, HostApiType.WdmKs, "WDMKS"),
    Triple(12, HostApiType.Jack, "JACK"),
    Triple(13, HostApiType.Wasapi, "WASAPI"),
    Triple(14, HostApiType.AudioScienceHpi, "AudioScienceHPI"),
    Triple(15, HostApiType.AudioIo, "AudioIO"),
    Triple(16, HostApiType.PulseAudio, "PulseAudio"),
    Triple(17, HostApiType.Sndio, "sndio"),
)

/** The [HostApiType] of PortAudio's `PaHostApiTypeId` [id]; [HostApiType.Other] for an id this list does not know. */
internal fun hostApiTypeOf(id: Int): HostApiType = PA_HOST_API_TYPES.firstOrNull { it.first == id }?.second ?: HostApiType.Other

/** PortAudio's name for [type] (`ALSA`, `CoreAudio`), or the enum name for types PortAudio does not have. */
internal fun hostApiTypeName(type: HostApiType): String = PA_HOST_API_TYPES.firstOrNull { it.second == type }?.third ?: type.name

/** PortAudio's name for the `PaHostApiTypeId` [id], or `type <id>` for one this list does not know. */
internal fun hostApiTypeName(id: Int): String = PA_HOST_API_TYPES.firstOrNull { it.first == id }?.third ?: "type $id"
