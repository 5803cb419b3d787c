/*
 * JNA upcall floor for benchmarks/portaudio/run (built by the script into libupcall_floor.so).
 *
 * Calls a PaStreamCallback-shaped function pointer (in practice a JNA direct-mapped callback, as
 * PortAudio calls audioflow's) from a native thread of its own, like PortAudio's callback thread,
 * and returns the mean nanoseconds per call. The callback gets an output buffer of
 * FRAMES x CHANNELS floats, a zeroed PaStreamCallbackTimeInfo and no status flags.
 *
 * The thread makes ROUNDS rounds of CALLS timed calls and returns the median round's mean, so
 * that a round in which the machine's other work preempted the thread does not count. Before
 * each round, untimed, it calls REFILL (when not NULL) on the same thread, so the Java side can
 * top up its ring without a second thread competing for the CPU. The first call attaches the
 * thread to the JVM; as many warm-up rounds (untimed) first let the JIT compile the callback.
 *
 * upcall_floor_c measures the same loop with a C callback that memsets its buffer: what the
 * call itself costs without the JVM.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int (*pa_callback)(const void *input, void *output, unsigned long frames,
                           const void *time_info, unsigned long flags, void *user);
typedef void (*refill_fn)(void);

/* PaStreamCallbackTimeInfo: input ADC, current and output DAC times. */
typedef struct { double adc, current, dac; } time_info_t;

typedef struct {
    pa_callback callback;
    refill_fn refill;
    long calls;
    long rounds;
    unsigned long frames;
    int channels;
    double nanos_per_call;
} job_t;

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static void *run(void *arg)
{
    job_t *job = arg;
    float *output = calloc(job->frames * job->channels, sizeof(float));
    double *rounds = calloc(job->rounds, sizeof(double));
    time_info_t time_info = { 0, 0, 0 };
    if (output == NULL || rounds == NULL) { free(output); free(rounds); return NULL; }
    /* The first ROUNDS rounds warm up (attach, JIT) and are not counted. */
    for (long round = -job->rounds; round < job->rounds; round++) {
        if (job->refill) job->refill();
        double start = now_ns();
        for (long i = 0; i < job->calls; i++) {
            job->callback(NULL, output, job->frames, &time_info, 0, NULL);
        }
        if (round >= 0) rounds[round] = (now_ns() - start) / job->calls;
    }
    qsort(rounds, job->rounds, sizeof(double), compare);
    job->nanos_per_call = rounds[job->rounds / 2];
    free(output);
    free(rounds);
    return NULL;
}

/* Median round's mean ns per call of CALLBACK over ROUNDS rounds of CALLS calls on a new native thread; -1 on failure. */
double upcall_floor(pa_callback callback, refill_fn refill, long calls, long rounds, long frames, int channels)
{
    job_t job = { callback, refill, calls, rounds, (unsigned long) frames, channels, -1 };
    pthread_t thread;
    if (pthread_create(&thread, NULL, run, &job) != 0) return -1;
    pthread_join(thread, NULL);
    return job.nanos_per_call;
}

static int c_memset(const void *input, void *output, unsigned long frames, const void *time_info,
                    unsigned long flags, void *user)
{
    (void) input; (void) time_info; (void) flags; (void) user;
    memset(output, 0, frames * 2 * sizeof(float));
    return 0;
}

/* The same loop with a C memset callback (stereo), for reference. */
double upcall_floor_c(long calls, long rounds, long frames)
{
    return upcall_floor(c_memset, NULL, calls, rounds, frames, 2);
}
