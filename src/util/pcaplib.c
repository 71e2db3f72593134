/* util/pcaplib.c — see pcaplib.h. */
#define _DEFAULT_SOURCE 1 /* before any system header: libpcap's BSD integer types */

#include "util/pcaplib.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

const struct pcaplib *pcaplib_get(char *err, size_t errlen)
{
	static bool tried, ok;
	static char error[300];
	static struct pcaplib lib;
	if (!tried) {
		tried = true;
		/* TLSSTEP_LIBPCAP names another copy; else the names distributions give it (Debian's
		 * soname is libpcap.so.0.8, upstream's libpcap.so.1). */
		const char *given = getenv("TLSSTEP_LIBPCAP");
		const char *names[] = { given && *given ? given : "libpcap.so.0.8", "libpcap.so.1", "libpcap.so" };
		size_t nnames = given && *given ? 1 : sizeof(names) / sizeof(names[0]);
		void *h = NULL;
		for (size_t i = 0; i < nnames && !h; i++)
			if (!(h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL)) && i == 0)
				snprintf(error, sizeof(error), "libpcap is needed to write or read a capture and could not be "
				         "loaded: %s", dlerror());
		if (h) {
			/* POSIX's way from a void * to a function pointer: copy the object representation. */
			struct { const char *name; void *fn; } sym[] = {
				{ "pcap_open_dead", &lib.open_dead },   { "pcap_dump_fopen", &lib.dump_fopen },
				{ "pcap_dump", &lib.dump },             { "pcap_dump_flush", &lib.dump_flush },
				{ "pcap_dump_file", &lib.dump_file },   { "pcap_dump_close", &lib.dump_close },
				{ "pcap_close", &lib.close },
			};
			ok = true;
			for (size_t i = 0; i < sizeof(sym) / sizeof(sym[0]) && ok; i++) {
				void *f = dlsym(h, sym[i].name);
				if (!f) {
					snprintf(error, sizeof(error), "the libpcap found has no %s: %s", sym[i].name, dlerror());
					ok = false;
				} else {
					memcpy(sym[i].fn, &f, sizeof(f));
				}
			}
		}
	}
	if (!ok)
		snprintf(err, errlen, "%s", error);
	return ok ? &lib : NULL;
}
