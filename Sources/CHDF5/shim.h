#ifndef WORKBENCH_CHDF5_SHIM_H
#define WORKBENCH_CHDF5_SHIM_H

#include <hdf5.h>

// HDF5 exposes its predefined type ids, access flags and property-list
// classes as macros that expand to global variables after H5open(); Swift
// cannot import such macros, so each gets a prefixed inline function.

/// H5T_NATIVE_FLOAT: 32-bit IEEE float in host order.
static inline hid_t chdf5_native_float(void) { return H5T_NATIVE_FLOAT; }
/// H5T_NATIVE_DOUBLE: 64-bit IEEE float in host order.
static inline hid_t chdf5_native_double(void) { return H5T_NATIVE_DOUBLE; }
/// H5T_NATIVE_INT8: signed byte.
static inline hid_t chdf5_native_int8(void) { return H5T_NATIVE_INT8; }
/// H5T_NATIVE_INT16: signed 16-bit integer (split features of wide models).
static inline hid_t chdf5_native_int16(void) { return H5T_NATIVE_INT16; }
/// H5T_NATIVE_UINT8: unsigned byte (binned features, flags).
static inline hid_t chdf5_native_uint8(void) { return H5T_NATIVE_UINT8; }
/// H5T_NATIVE_INT32: signed 32-bit integer (node indices).
static inline hid_t chdf5_native_int32(void) { return H5T_NATIVE_INT32; }
/// H5T_NATIVE_UINT32: unsigned 32-bit integer.
static inline hid_t chdf5_native_uint32(void) { return H5T_NATIVE_UINT32; }
/// H5T_NATIVE_INT64: signed 64-bit integer (counts, timestamps).
static inline hid_t chdf5_native_int64(void) { return H5T_NATIVE_INT64; }
/// H5T_NATIVE_UINT64: unsigned 64-bit integer.
static inline hid_t chdf5_native_uint64(void) { return H5T_NATIVE_UINT64; }
/// H5T_IEEE_F32LE: the file type for float32 data, fixed little-endian.
static inline hid_t chdf5_ieee_f32le(void) { return H5T_IEEE_F32LE; }
/// H5T_IEEE_F64LE: the file type for float64 data, fixed little-endian.
static inline hid_t chdf5_ieee_f64le(void) { return H5T_IEEE_F64LE; }
/// H5T_STD_I8LE: the file type for int8 data (split features of narrow models).
static inline hid_t chdf5_std_i8le(void) { return H5T_STD_I8LE; }
/// H5T_STD_I16LE: the file type for int16 data.
static inline hid_t chdf5_std_i16le(void) { return H5T_STD_I16LE; }
/// H5T_STD_I32LE: the file type for int32 data.
static inline hid_t chdf5_std_i32le(void) { return H5T_STD_I32LE; }
/// H5T_STD_I64LE: the file type for int64 data.
static inline hid_t chdf5_std_i64le(void) { return H5T_STD_I64LE; }
/// H5T_STD_U8LE: the file type for uint8 data.
static inline hid_t chdf5_std_u8le(void) { return H5T_STD_U8LE; }
/// H5T_C_S1: the base C string type, copied and resized for strings.
static inline hid_t chdf5_c_s1(void) { return H5T_C_S1; }
/// H5T_VARIABLE: size marker for variable-length strings.
static inline size_t chdf5_variable(void) { return H5T_VARIABLE; }

/// H5F_ACC_TRUNC: create, truncating an existing file.
static inline unsigned chdf5_acc_trunc(void) { return H5F_ACC_TRUNC; }
/// H5F_ACC_EXCL: create, failing if the file exists.
static inline unsigned chdf5_acc_excl(void) { return H5F_ACC_EXCL; }
/// H5F_ACC_RDONLY: open read-only.
static inline unsigned chdf5_acc_rdonly(void) { return H5F_ACC_RDONLY; }
/// H5F_ACC_RDWR: open read-write.
static inline unsigned chdf5_acc_rdwr(void) { return H5F_ACC_RDWR; }

/// H5P_DEFAULT: the default property list.
static inline hid_t chdf5_p_default(void) { return H5P_DEFAULT; }
/// H5P_FILE_ACCESS: class id for file-access property lists.
static inline hid_t chdf5_p_file_access(void) { return H5P_FILE_ACCESS; }
/// H5P_FILE_CREATE: class id for file-creation property lists.
static inline hid_t chdf5_p_file_create(void) { return H5P_FILE_CREATE; }
/// H5P_DATASET_CREATE: class id for dataset-creation property lists.
static inline hid_t chdf5_p_dataset_create(void) { return H5P_DATASET_CREATE; }
/// H5P_LINK_CREATE: class id for link-creation property lists.
static inline hid_t chdf5_p_link_create(void) { return H5P_LINK_CREATE; }

/// H5E_DEFAULT: the default error stack, whose automatic printing Workbench turns off.
static inline hid_t chdf5_e_default(void) { return H5E_DEFAULT; }

/// H5S_ALL: select the whole dataspace.
static inline hid_t chdf5_s_all(void) { return H5S_ALL; }

#endif
