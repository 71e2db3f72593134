/*
 * Fuzz target: ocsp_fields on arbitrary DER (wire/ocsp.c walks RFC 6960's ASN.1 with
 * mbedtls_asn1_*, as mbed TLS has no OCSP parser). It must never crash, and every
 * field must lie inside the response's bytes.
 */
#include <stddef.h>
#include <stdint.h>

#include "wire/fields.h"
#include "wire/ocsp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fields f;
	fields_init(&f);
	ocsp_fields(&f, FIELD_NONE, data, 0, size);
	for (size_t i = 0; i < f.n; i++)
		if (f.v[i].offset + f.v[i].length > size)
			__builtin_trap();
	fields_free(&f);
	return 0;
}
