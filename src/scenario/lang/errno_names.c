// SPDX-License-Identifier: GPL-2.0
/* The errno spellings an outcome may use. */
#include <string.h>

#include <gmemsim/scenario.h>

/* indexed by errno: the trace names every step's outcome */
static const char *const errnos[] = {
	[EPERM] = "EPERM",	     [ENOENT] = "ENOENT",
	[EINTR] = "EINTR",	     [EIO] = "EIO",
	[ENXIO] = "ENXIO",	     [EBADF] = "EBADF",
	[EAGAIN] = "EAGAIN",	     [ENOMEM] = "ENOMEM",
	[EACCES] = "EACCES",	     [EFAULT] = "EFAULT",
	[EBUSY] = "EBUSY",	     [EEXIST] = "EEXIST",
	[ENODEV] = "ENODEV",	     [EINVAL] = "EINVAL",
	[ENFILE] = "ENFILE",	     [EMFILE] = "EMFILE",
	[ENOTTY] = "ENOTTY",	     [EFBIG] = "EFBIG",
	[ENOSPC] = "ENOSPC",	     [ESPIPE] = "ESPIPE",
	[ERANGE] = "ERANGE",	     [ENOSYS] = "ENOSYS",
	[EOPNOTSUPP] = "EOPNOTSUPP", [ETXTBSY] = "ETXTBSY",
	[EISDIR] = "EISDIR",	     [EHWPOISON] = "EHWPOISON",
	[E2BIG] = "E2BIG",	     [EOVERFLOW] = "EOVERFLOW",
};

const char *gms_errno_name(int err)
{
	if (err <= 0 || (size_t)err >= G_N_ELEMENTS(errnos))
		return NULL;
	return errnos[err];
}

int gms_errno_parse(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(errnos); i++)
		if (errnos[i] && !strcmp(errnos[i], name))
			return (int)i;
	return 0;
}
