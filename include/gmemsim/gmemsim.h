/* SPDX-License-Identifier: GPL-2.0 */
/* Everything public. */
#ifndef GMEMSIM_GMEMSIM_H
#define GMEMSIM_GMEMSIM_H

#include <gmemsim/check.h>
#include <gmemsim/gmem.h>
#include <gmemsim/kvm.h>
#include <gmemsim/mm.h>
#include <gmemsim/physmem.h>
#include <gmemsim/policy.h>
#include <gmemsim/range_map.h>
#include <gmemsim/types.h>
#include <gmemsim/uapi.h>
#include <gmemsim/world.h>

#define GMEMSIM_VERSION "0.1.0"

#endif
