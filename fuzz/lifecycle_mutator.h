/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lifecycle fuzzer's structure-aware mutator: edits of whole ops (as
 * gms_fuzz_lifecycle_ops() splits an input), as syzkaller mutates programs.
 */
#ifndef GMEMSIM_FUZZ_LIFECYCLE_MUTATOR_H
#define GMEMSIM_FUZZ_LIFECYCLE_MUTATOR_H

#include <stddef.h>
#include <stdint.h>

/* libFuzzer's own mutation (LLVMFuzzerMutate), for an op's bytes */
typedef size_t (*gms_byte_mutator)(uint8_t *data, size_t size, size_t max_size);

enum gms_op_edit {
	GMS_EDIT_INSERT, /* a new op of a random kind at an op boundary */
	GMS_EDIT_DELETE,
	GMS_EDIT_SWAP,
	GMS_EDIT_DUPLICATE,
	GMS_EDIT_RETARGET, /* another object for one of an op's operands */
	GMS_EDIT_OPERAND, /* another value for one of an op's operands */
	GMS_EDIT_BYTES, /* libFuzzer's mutation of one op's bytes */
	GMS_EDIT_WHOLE, /* libFuzzer's mutation of the whole input */
	GMS_EDIT_COUNT
};

/* One edit (its kind picked from @seed), in place; the new size (<= @max_size). */
size_t gms_lifecycle_mutate(uint8_t *data, size_t size, size_t max_size,
			    unsigned int seed, gms_byte_mutator bytes);
/* The same with the edit given: the mutator's tests pick it. */
size_t gms_lifecycle_edit(uint8_t *data, size_t size, size_t max_size,
			  unsigned int seed, enum gms_op_edit edit,
			  gms_byte_mutator bytes);
/* Ops of @b spliced into @a (or @a's head and @b's tail) in @out. */
size_t gms_lifecycle_cross_over(const uint8_t *a, size_t a_size,
				const uint8_t *b, size_t b_size, uint8_t *out,
				size_t max_out, unsigned int seed);

#endif
