/*
 * Baseline for benchmarks/portaudio/run: the same PortAudio output stream audioflow opens
 * (float32 stereo, 48 kHz, fixed block size, on the ALSA device named by argv[1]) with a
 * callback that only memsets its buffer. Prints the frames per second the callback was asked for.
 *
 * usage: pa_memset DEVICE BLOCK_FRAMES SECONDS
 */
#include <portaudio.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static atomic_long frames_played;

static int callback(const void *input, void *output, unsigned long frames,
                    const PaStreamCallbackTimeInfo *time_info, PaStreamCallbackFlags flags, void *user)
{
    (void) input; (void) time_info; (void) flags; (void) user;
    memset(output, 0, frames * 2 * sizeof(float));
    atomic_fetch_add_explicit(&frames_played, (long) frames, memory_order_relaxed);
    return paContinue;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int fail(const char *what, PaError err)
{
    fprintf(stderr, "pa_memset: %s: %s\n", what, Pa_GetErrorText(err));
    Pa_Terminate();
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s DEVICE BLOCK_FRAMES SECONDS\n", argv[0]);
        return 2;
    }
    const char *name = argv[1];
    unsigned long block = strtoul(argv[2], NULL, 10);
    double seconds = atof(argv[3]);
    PaError err = Pa_Initialize();
    if (err != paNoError) {
        fprintf(stderr, "pa_memset: Pa_Initialize: %s\n", Pa_GetErrorText(err));
        return 1;
    }
    PaDeviceIndex device = paNoDevice;
    for (PaDeviceIndex i = 0; i < Pa_GetDeviceCount(); i++) {
        if (strcmp(Pa_GetDeviceInfo(i)->name, name) == 0) device = i;
    }
    if (device == paNoDevice) return fail(name, paInvalidDevice);
    PaStreamParameters out = { device, 2, paFloat32, Pa_GetDeviceInfo(device)->defaultHighOutputLatency, NULL };
    PaStream *stream;
    if ((err = Pa_OpenStream(&stream, NULL, &out, 48000, block, paNoFlag, callback, NULL)) != paNoError) return fail("Pa_OpenStream", err);
    double start = now();
    if ((err = Pa_StartStream(stream)) != paNoError) return fail("Pa_StartStream", err);
    while (now() - start < seconds) Pa_Sleep(20);
    Pa_AbortStream(stream);
    double elapsed = now() - start;
    long frames = atomic_load(&frames_played);
    Pa_CloseStream(stream);
    Pa_Terminate();
    printf("%.0f\n", frames / elapsed);
    return 0;
}
