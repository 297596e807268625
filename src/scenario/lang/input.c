// SPDX-License-Identifier: GPL-2.0
/*
 * Reading an input file (DESIGN.md section 7): a regular file only, up to a
 * size limit. A FIFO would block for ever and /dev/zero would fill memory,
 * so what is not a regular file, or is larger than the limit, is refused
 * before anything is read.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gmemsim/scenario.h>

static bool fail_errno(GError **err, int e)
{
	g_set_error_literal(err, G_FILE_ERROR, g_file_error_from_errno(e),
			    g_strerror(e));
	return false;
}

static bool too_big(GError **err, u64 size, u64 max_size)
{
	g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_FAILED,
		    "%" G_GUINT64_FORMAT
		    " bytes or more, over the input limit of %" G_GUINT64_FORMAT
		    " (--max-input-size raises it)",
		    size, max_size);
	return false;
}

/*
 * What @fd holds, refused once past @max_size: the file may grow after the
 * fstat(), and /proc's files say size 0.
 */
static bool read_all(int fd, u64 size, u64 max_size, char **text, gsize *len,
		     GError **err)
{
	gsize cap = size + 1, n = 0;
	char *buf = g_malloc(cap + 1);

	for (;;) {
		gssize r;

		if (n == cap) {
			cap = MIN(2 * cap, max_size + 1);
			buf = g_realloc(buf, cap + 1);
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			g_free(buf);
			return fail_errno(err, e);
		}
		if (!r)
			break;
		n += r;
		if (n > max_size) {
			g_free(buf);
			return too_big(err, n, max_size);
		}
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return true;
}

bool gms_input_read(const char *path, u64 max_size, char **text, gsize *len,
		    GError **err)
{
	/* O_NONBLOCK: opening a FIFO without a writer must not wait for one */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	bool ok;

	if (fd < 0)
		return fail_errno(err, errno);
	if (fstat(fd, &st)) {
		ok = fail_errno(err, errno);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		g_set_error_literal(
			err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
			S_ISDIR(st.st_mode) ?
				"a folder where a file was expected" :
				"not a regular file (a FIFO, a socket or a device is not read)");
		ok = false;
		goto out;
	}
	if ((u64)st.st_size > max_size) {
		ok = too_big(err, st.st_size, max_size);
		goto out;
	}
	ok = read_all(fd, st.st_size, max_size, text, len, err);
out:
	close(fd);
	return ok;
}
