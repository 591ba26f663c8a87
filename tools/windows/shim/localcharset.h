/* localcharset.h - FreeXL includes this on Windows; it declares only what
 * GNU libiconv's libcharset would (nothing here uses it). */
#ifndef BC_SHIM_LOCALCHARSET_H
#define BC_SHIM_LOCALCHARSET_H
const char *locale_charset(void);
#endif
