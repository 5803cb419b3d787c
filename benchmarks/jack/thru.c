/* A 2-in/2-out JACK passthrough like jack_thru from Debian's jackd2, for systems without that
 * example client: copies in_N to out_N each cycle and connects to the physical ports.
 * Usage: thru SERVER  (runs until killed) */
#include <jack/jack.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static jack_port_t *in[2], *out[2];

static int process(jack_nframes_t frames, void *arg) {
    (void) arg;
    for (int i = 0; i < 2; i++) {
        memcpy(jack_port_get_buffer(out[i], frames), jack_port_get_buffer(in[i], frames), frames * sizeof(jack_default_audio_sample_t));
    }
    return 0;
}

static volatile sig_atomic_t done;
static void stop(int sig) { (void) sig; done = 1; }

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s SERVER\n", argv[0]);
        return 2;
    }
    jack_status_t status;
    jack_client_t *client = jack_client_open("jack_thru", JackNoStartServer | JackServerName, &status, argv[1]);
    if (client == NULL) return 1;
    char name[32];
    for (int i = 0; i < 2; i++) {
        snprintf(name, sizeof name, "input_%d", i + 1);
        in[i] = jack_port_register(client, name, JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
        snprintf(name, sizeof name, "output_%d", i + 1);
        out[i] = jack_port_register(client, name, JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput, 0);
    }
    jack_set_process_callback(client, process, NULL);
    if (jack_activate(client) != 0) return 1;
    const char **capture = jack_get_ports(client, NULL, JACK_DEFAULT_AUDIO_TYPE, JackPortIsPhysical | JackPortIsOutput);
    const char **playback = jack_get_ports(client, NULL, JACK_DEFAULT_AUDIO_TYPE, JackPortIsPhysical | JackPortIsInput);
    for (int i = 0; i < 2 && capture && capture[i]; i++) jack_connect(client, capture[i], jack_port_name(in[i]));
    for (int i = 0; i < 2 && playback && playback[i]; i++) jack_connect(client, jack_port_name(out[i]), playback[i]);
    jack_free(capture);
    jack_free(playback);
    signal(SIGTERM, stop);
    signal(SIGINT, stop);
    while (!done) sleep(1);
    jack_client_close(client);
    return 0;
}
