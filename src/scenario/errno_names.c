// SPDX-License-Identifier: GPL-2.0
/* The errno spellings an outcome may use. */
#include <string.h>

#include <gmemsim/scenario.h>

static const struct {
	const char *name;
	int err;
} errnos[] = {
	{ "EPERM", EPERM },	      { "ENOENT", ENOENT },
	{ "EINTR", EINTR },	      { "EIO", EIO },
	{ "ENXIO", ENXIO },	      { "EBADF", EBADF },
	{ "EAGAIN", EAGAIN },	      { "ENOMEM", ENOMEM },
	{ "EACCES", EACCES },	      { "EFAULT", EFAULT },
	{ "EBUSY", EBUSY },	      { "EEXIST", EEXIST },
	{ "ENODEV", ENODEV },	      { "EINVAL", EINVAL },
	{ "ENFILE", ENFILE },	      { "EMFILE", EMFILE },
	{ "ENOTTY", ENOTTY },	      { "EFBIG", EFBIG },
	{ "ENOSPC", ENOSPC },	      { "ESPIPE", ESPIPE },
	{ "ERANGE", ERANGE },	      { "ENOSYS", ENOSYS },
	{ "EOPNOTSUPP", EOPNOTSUPP }, { "ETXTBSY", ETXTBSY },
	{ "EISDIR", EISDIR },	      { "EHWPOISON", EHWPOISON },
	{ "E2BIG", E2BIG },	      { "EOVERFLOW", EOVERFLOW },
};

const char *gms_errno_name(int err)
{
	for (size_t i = 0; i < G_N_ELEMENTS(errnos); i++)
		if (errnos[i].err == err)
			return errnos[i].name;
	return NULL;
}

int gms_errno_parse(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(errnos); i++)
		if (!strcmp(errnos[i].name, name))
			return errnos[i].err;
	return 0;
}
