/* util/words.h — small words that agree with their numbers, and how far apart two words are. */
#ifndef TLSSTEP_UTIL_WORDS_H
#define TLSSTEP_UTIL_WORDS_H

#include <stddef.h>
#include <stdint.h>

/* "byte" for 1, "bytes" for any other count: printf("%zu %s", n, bytes_word(n)). Static text. */
const char *bytes_word(size_t n);

/* The edit (Levenshtein) distance of a and b, ignoring ASCII case, for "did you mean"
 * suggestions; SIZE_MAX when either is longer than 80 characters. */
size_t words_distance(const char *a, const char *b);

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm: C11 has no
 * timegm). m is 1..12. */
int64_t words_days_from_civil(int64_t y, unsigned m, unsigned d);

#endif
