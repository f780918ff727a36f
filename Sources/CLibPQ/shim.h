#ifndef WORKBENCH_CLIBPQ_SHIM_H
#define WORKBENCH_CLIBPQ_SHIM_H

#include <libpq-fe.h>

/// PG_DIAG_SQLSTATE is a character-literal macro (`'C'`); Swift imports no
/// character macros, so the field code reaches Swift through this function.
static inline int clibpq_diag_sqlstate(void) { return PG_DIAG_SQLSTATE; }

/// PG_DIAG_MESSAGE_PRIMARY (`'M'`), for the same reason as above.
static inline int clibpq_diag_message_primary(void) { return PG_DIAG_MESSAGE_PRIMARY; }

#endif
