/* util/words.h — small words that agree with their numbers. */
#ifndef TLSSTEP_UTIL_WORDS_H
#define TLSSTEP_UTIL_WORDS_H

#include <stddef.h>

/* "byte" for 1, "bytes" for any other count: printf("%zu %s", n, bytes_word(n)). Static text. */
const char *bytes_word(size_t n);

#endif
