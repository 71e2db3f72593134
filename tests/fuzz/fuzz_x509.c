/*
 * Fuzz target: x509_fields on arbitrary DER. It must never crash, and every
 * field must lie inside the certificate bytes.
 */
#include <stddef.h>
#include <stdint.h>

#include "wire/fields.h"
#include "wire/x509.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fields f;
	fields_init(&f);
	x509_fields(&f, FIELD_NONE, data, 0, size, 0);
	for (size_t i = 0; i < f.n; i++)
		if (f.v[i].offset + f.v[i].length > size)
			__builtin_trap();
	fields_free(&f);
	return 0;
}
