#ifndef WORKBENCH_CLIBPQ_SHIM_H
#define WORKBENCH_CLIBPQ_SHIM_H

#include <libpq-fe.h>

#endif
