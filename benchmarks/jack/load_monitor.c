/* Samples a JACK server's DSP load and counts its xruns for a number of seconds, then prints
 * "mean max xruns". It registers no process callback, so it adds (almost) nothing to the load
 * it measures.  Usage: load_monitor SERVER SECONDS */
#include <jack/jack.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static volatile long xruns;

static int on_xrun(void *arg) {
    (void) arg;
    __atomic_add_fetch(&xruns, 1, __ATOMIC_RELAXED);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s SERVER SECONDS\n", argv[0]);
        return 2;
    }
    double seconds = atof(argv[2]);
    jack_status_t status;
    jack_client_t *client = jack_client_open("load_monitor", JackNoStartServer | JackServerName, &status, argv[1]);
    if (client == NULL) {
        fprintf(stderr, "load_monitor: cannot open a client on server %s (status 0x%x)\n", argv[1], status);
        return 1;
    }
    jack_set_xrun_callback(client, on_xrun, NULL);
    if (jack_activate(client) != 0) {
        fprintf(stderr, "load_monitor: cannot activate\n");
        return 1;
    }
    struct timespec step = {0, 100 * 1000 * 1000};
    long samples = (long) (seconds * 10);
    double sum = 0, max = 0;
    for (long i = 0; i < samples; i++) {
        nanosleep(&step, NULL);
        double load = jack_cpu_load(client);
        sum += load;
        if (load > max) max = load;
    }
    long counted = __atomic_load_n(&xruns, __ATOMIC_RELAXED);
    jack_client_close(client);
    printf("%.3f %.3f %ld\n", samples > 0 ? sum / samples : 0.0, max, counted);
    return 0;
}
