// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>

#include <gmemsim/gmemsim.h>

int gms_cli_walkthrough(void);

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "walkthrough"))
		return gms_cli_walkthrough();
	fprintf(stderr, "usage: gmemsim walkthrough\n");
	return 2;
}
