/* util/words.c — see words.h. */
#include "util/words.h"

const char *bytes_word(size_t n)
{
	return n == 1 ? "byte" : "bytes";
}
