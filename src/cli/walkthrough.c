// SPDX-License-Identifier: GPL-2.0
int gms_cli_walkthrough(void);
int gms_cli_walkthrough(void)
{
	return 0;
}
