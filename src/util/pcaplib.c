/*
 * util/pcaplib.c — see pcaplib.h.
 */
#include "util/pcaplib.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Loaded once per process; a second call returns the first one's answer. */
static struct {
	bool tried, ok;
	char error[300];
	struct pcaplib fn;
} lib;

const struct pcaplib *pcaplib_load(char *err, size_t errlen)
{
	if (!lib.tried) {
		lib.tried = true;
		const char *given = getenv("TLSSTEP_LIBPCAP");
		const char *names[] = { given && *given ? given : "libpcap.so.0.8", "libpcap.so.1", "libpcap.so" };
		size_t nnames = given && *given ? 1 : sizeof(names) / sizeof(names[0]);
		void *h = NULL;
		for (size_t i = 0; i < nnames && !h; i++)
			if (!(h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL)) && i == 0)
				snprintf(lib.error, sizeof(lib.error),
				         "libpcap is needed to read or write a capture and could not be loaded: %s", dlerror());
		if (h) {
			/* POSIX's way from a void * to a function pointer: copy the object representation. */
			struct { const char *name; void *fn; } sym[] = {
				{ "pcap_fopen_offline", &lib.fn.fopen_offline },
				{ "pcap_next_ex", &lib.fn.next_ex },
				{ "pcap_datalink", &lib.fn.datalink },
				{ "pcap_datalink_val_to_name", &lib.fn.datalink_val_to_name },
				{ "pcap_geterr", &lib.fn.geterr },
				{ "pcap_close", &lib.fn.close },
				{ "pcap_open_dead", &lib.fn.open_dead },
				{ "pcap_dump_fopen", &lib.fn.dump_fopen },
				{ "pcap_dump", &lib.fn.dump },
				{ "pcap_dump_flush", &lib.fn.dump_flush },
				{ "pcap_dump_file", &lib.fn.dump_file },
				{ "pcap_dump_close", &lib.fn.dump_close },
			};
			lib.ok = true;
			for (size_t i = 0; i < sizeof(sym) / sizeof(sym[0]) && lib.ok; i++) {
				void *f = dlsym(h, sym[i].name);
				if (!f) {
					snprintf(lib.error, sizeof(lib.error), "the libpcap found has no %s: %s", sym[i].name, dlerror());
					lib.ok = false;
				} else {
					memcpy(sym[i].fn, &f, sizeof(f));
				}
			}
		}
	}
	if (!lib.ok) {
		snprintf(err, errlen, "%s", lib.error);
		return NULL;
	}
	return &lib.fn;
}
