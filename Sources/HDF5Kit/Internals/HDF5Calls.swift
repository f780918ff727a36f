import CHDF5

/// Every libhdf5 function HDF5Kit uses, wrapped once.
///
/// Calls whose failure matters return a value or throw `HDF5Error` saying what was attempted
/// (`what` is only built on failure); releases and pure queries return plainly. Callers hold
/// `HDF5Library.withLock`. Nothing here writes to disk: files are built in memory (core driver) and
/// published by `DurableFiles`, so no I/O error, disk full included, ever reaches libhdf5.
enum HDF5Calls {
    // MARK: Library

    /// Initialises libhdf5 (idempotent).
    static func initialize() { H5open() }

    /// Turns off libhdf5's printing of its error stack on the calling thread: errors become `HDF5Error`.
    static func silenceErrorPrinting() { H5Eset_auto2(chdf5_e_default(), nil, nil) }

    /// Empties the calling thread's error stack, whose records would otherwise outlive the call.
    static func clearErrorStack() { H5Eclear2(chdf5_e_default()) }

    // MARK: Files

    /// Creates a file (truncating) with `access`; `path` names it in messages.
    static func createFile(_ name: String, access: hid_t, for path: String) throws(HDF5Error) -> hid_t {
        try check(id: H5Fcreate(name, chdf5_acc_trunc(), chdf5_p_default(), access), "create \(path)")
    }

    /// Opens an existing file read-only.
    static func openFileReadOnly(_ path: String, access: hid_t) throws(HDF5Error) -> hid_t {
        let id = H5Fopen(path, chdf5_acc_rdonly(), access)
        guard id >= 0 else { throw HDF5Error("\(path) is not a readable HDF5 file") }
        return id
    }

    /// Closes a file (and, with the strong close degree, everything opened in it).
    @discardableResult
    static func closeFile(_ id: hid_t) -> herr_t { H5Fclose(id) }

    /// The complete bytes of an open file, flushed first.
    static func fileImage(_ id: hid_t, for path: String) throws(HDF5Error) -> [UInt8] {
        try check(H5Fflush(id, H5F_SCOPE_GLOBAL), "flush \(path)")
        let size = H5Fget_file_image(id, nil, 0)
        guard size > 0 else { throw HDF5Error("HDF5 failed to produce the bytes of \(path)") }
        var bytes = [UInt8](repeating: 0, count: size)
        let copied = bytes.withUnsafeMutableBytes { H5Fget_file_image(id, $0.baseAddress, $0.count) }
        guard copied == size else { throw HDF5Error("HDF5 failed to copy the bytes of \(path)") }
        SuperblockChecksum.repair(&bytes)
        return bytes
    }

    /// The operating-system descriptor libhdf5's default (sec2) driver reads an open file through.
    static func fileDescriptor(_ id: hid_t, for path: String) throws(HDF5Error) -> Int32 {
        var handle: UnsafeMutableRawPointer?
        try check(H5Fget_vfd_handle(id, chdf5_p_default(), &handle), "get the file descriptor of \(path)")
        guard let handle else { throw HDF5Error("HDF5 gave no file descriptor for \(path)") }
        return handle.load(as: Int32.self)
    }

    // MARK: Property lists

    /// A new file-access property list.
    static func createFileAccessProperties() throws(HDF5Error) -> hid_t {
        try check(id: H5Pcreate(chdf5_p_file_access()), "create file-access properties")
    }

    /// A new dataset-creation property list.
    static func createDatasetProperties() throws(HDF5Error) -> hid_t {
        try check(id: H5Pcreate(chdf5_p_dataset_create()), "create dataset properties")
    }

    /// Releases a property list.
    static func closeProperties(_ id: hid_t) { H5Pclose(id) }

    /// Closing the file closes every object opened in it.
    static func setStrongCloseDegree(_ access: hid_t) throws(HDF5Error) {
        try check(H5Pset_fclose_degree(access, H5F_CLOSE_STRONG), "set the file close degree")
    }

    /// No file locks (ignored where the file system has none).
    static func disableFileLocking(_ access: hid_t) throws(HDF5Error) {
        try check(H5Pset_file_locking(access, false, true), "turn off file locking")
    }

    /// Objects in the 1.8 format, at most 1.10 features.
    static func setVersionBounds18To110(_ access: hid_t) throws(HDF5Error) {
        try check(H5Pset_libver_bounds(access, H5F_LIBVER_V18, H5F_LIBVER_V110), "set the format version bounds")
    }

    /// The core (memory) driver growing by `increment` bytes, without a backing file.
    static func setInMemoryDriver(_ access: hid_t, increment: Int) throws(HDF5Error) {
        try check(H5Pset_fapl_core(access, increment, false), "select the in-memory driver")
    }

    /// Chunked storage with the shuffle and deflate filters.
    static func setCompression(_ create: hid_t, chunk: [hsize_t], level: UInt32) throws(HDF5Error) {
        try check(H5Pset_chunk(create, Int32(chunk.count), chunk), "set the chunk shape")
        try check(H5Pset_shuffle(create), "add the shuffle filter")
        try check(H5Pset_deflate(create, level), "add the deflate filter")
    }

    // MARK: Links, groups and objects

    /// True when a link called `name` exists at `location`.
    static func linkExists(_ location: hid_t, _ name: String) -> Bool {
        H5Lexists(location, name, chdf5_p_default()) > 0
    }

    /// Creates group `name`.
    static func createGroup(_ location: hid_t, _ name: String, _ what: @autoclosure () -> String) throws(HDF5Error) -> hid_t {
        try check(id: H5Gcreate2(location, name, chdf5_p_default(), chdf5_p_default(), chdf5_p_default()), what())
    }

    /// Opens group `name`.
    static func openGroup(_ location: hid_t, _ name: String, _ what: @autoclosure () -> String) throws(HDF5Error) -> hid_t {
        try check(id: H5Gopen2(location, name, chdf5_p_default()), what())
    }

    /// Releases a group.
    @discardableResult
    static func closeGroup(_ id: hid_t) -> herr_t { H5Gclose(id) }

    /// The number of links in a group.
    static func linkCount(_ group: hid_t, _ what: @autoclosure () -> String) throws(HDF5Error) -> hsize_t {
        var info = H5G_info_t()
        try check(H5Gget_info(group, &info), what())
        return info.nlinks
    }

    /// The name of link `index` of a group, in name order.
    static func linkName(_ group: hid_t, at index: hsize_t, _ what: @autoclosure () -> String) throws(HDF5Error) -> String {
        try name(what()) { buffer, size in
            H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, index, buffer, size, chdf5_p_default())
        }
    }

    /// Opens object `name` (group, dataset or named type).
    static func openObject(_ location: hid_t, _ name: String, _ what: @autoclosure () -> String) throws(HDF5Error) -> hid_t {
        try check(id: H5Oopen(location, name, chdf5_p_default()), what())
    }

    /// Releases an object opened by `openObject`.
    static func closeObject(_ id: hid_t) { H5Oclose(id) }

    /// What kind of object an identifier refers to.
    static func identifierType(_ id: hid_t) -> H5I_type_t { H5Iget_type(id) }

    // MARK: Attributes

    /// The number of attributes on `object` (relative to `location`).
    static func attributeCount(_ location: hid_t, _ object: String, _ what: @autoclosure () -> String) throws(HDF5Error) -> hsize_t {
        var info = H5O_info_t()
        try check(H5Oget_info_by_name2(location, object, &info, UInt32(H5O_INFO_NUM_ATTRS), chdf5_p_default()), what())
        return info.num_attrs
    }

    /// The name of attribute `index` of `object`, in name order.
    static func attributeName(
        _ location: hid_t, _ object: String, at index: hsize_t, _ what: @autoclosure () -> String
    ) throws(HDF5Error) -> String {
        try name(what()) { buffer, size in
            H5Aget_name_by_idx(location, object, H5_INDEX_NAME, H5_ITER_INC, index, buffer, size, chdf5_p_default())
        }
    }

    /// True when `object` has attribute `name`.
    static func attributeExists(_ object: hid_t, _ name: String) -> Bool { H5Aexists(object, name) > 0 }

    /// True when member `object` of `location` has attribute `name`.
    static func attributeExists(_ location: hid_t, _ object: String, _ name: String) -> Bool {
        H5Aexists_by_name(location, object, name, chdf5_p_default()) > 0
    }

    /// Deletes attribute `name` of `object`.
    static func deleteAttribute(_ object: hid_t, _ name: String, _ what: @autoclosure () -> String) throws(HDF5Error) {
        try check(H5Adelete(object, name), what())
    }

    /// Creates attribute `name` of `type` and `space` on `object`.
    static func createAttribute(
        _ object: hid_t, _ name: String, type: hid_t, space: hid_t, _ what: @autoclosure () -> String
    ) throws(HDF5Error) -> hid_t {
        try check(id: H5Acreate2(object, name, type, space, chdf5_p_default(), chdf5_p_default()), what())
    }

    /// Opens attribute `name` of `object`.
    static func openAttribute(_ object: hid_t, _ name: String, _ what: @autoclosure () -> String) throws(HDF5Error) -> hid_t {
        try check(id: H5Aopen(object, name, chdf5_p_default()), what())
    }

    /// Opens attribute `name` of member `object` of `location`.
    static func openAttribute(
        _ location: hid_t, _ object: String, _ name: String, _ what: @autoclosure () -> String
    ) throws(HDF5Error) -> hid_t {
        try check(id: H5Aopen_by_name(location, object, name, chdf5_p_default(), chdf5_p_default()), what())
    }

    /// Releases an attribute.
    static func closeAttribute(_ id: hid_t) { H5Aclose(id) }

    /// Writes an attribute's value from `buffer` in memory type `type`.
    static func writeAttribute(
        _ attribute: hid_t, type: hid_t, _ buffer: UnsafeRawPointer?, _ what: @autoclosure () -> String
    ) throws(HDF5Error) {
        try check(H5Awrite(attribute, type, buffer), what())
    }

    /// Reads an attribute's value into `buffer` as memory type `type`.
    static func readAttribute(
        _ attribute: hid_t, type: hid_t, _ buffer: UnsafeMutableRawPointer?, _ what: @autoclosure () -> String
    ) throws(HDF5Error) {
        try check(H5Aread(attribute, type, buffer), what())
    }

    /// The stored type of an attribute (close with `closeType`).
    static func attributeType(_ attribute: hid_t, _ what: @autoclosure () -> String) throws(HDF5Error) -> hid_t {
        try check(id: H5Aget_type(attribute), what())
    }

    /// The dataspace of an attribute (close with `closeSpace`).
    static func attributeSpace(_ attribute: hid_t, _ what: @autoclosure () -> String) throws(HDF5Error) -> hid_t {
        try check(id: H5Aget_space(attribute), what())
    }

    // MARK: Datasets

    /// Creates dataset `name` with file type `type`, `space` and creation `properties`.
    static func createDataset(
        _ location: hid_t, _ name: String, type: hid_t, space: hid_t, properties: hid_t, _ what: @autoclosure () -> String
    ) throws(HDF5Error) -> hid_t {
        try check(id: H5Dcreate2(location, name, type, space, chdf5_p_default(), properties, chdf5_p_default()), what())
    }

    /// Opens dataset `name`.
    static func openDataset(_ location: hid_t, _ name: String, _ what: @autoclosure () -> String) throws(HDF5Error) -> hid_t {
        try check(id: H5Dopen2(location, name, chdf5_p_default()), what())
    }

    /// Releases a dataset.
    static func closeDataset(_ id: hid_t) { H5Dclose(id) }

    /// Writes a whole dataset from `buffer` in memory type `type`.
    static func writeDataset(
        _ dataset: hid_t, type: hid_t, _ buffer: UnsafeRawPointer?, _ what: @autoclosure () -> String
    ) throws(HDF5Error) {
        try check(H5Dwrite(dataset, type, chdf5_s_all(), chdf5_s_all(), chdf5_p_default(), buffer), what())
    }

    /// Reads a whole dataset into `buffer` as memory type `type`.
    static func readDataset(
        _ dataset: hid_t, type: hid_t, _ buffer: UnsafeMutableRawPointer?, _ what: @autoclosure () -> String
    ) throws(HDF5Error) {
        try check(H5Dread(dataset, type, chdf5_s_all(), chdf5_s_all(), chdf5_p_default(), buffer), what())
    }

    /// The stored type of a dataset (close with `closeType`).
    static func datasetType(_ dataset: hid_t, _ what: @autoclosure () -> String) throws(HDF5Error) -> hid_t {
        try check(id: H5Dget_type(dataset), what())
    }

    /// The dataspace of a dataset (close with `closeSpace`).
    static func datasetSpace(_ dataset: hid_t, _ what: @autoclosure () -> String) throws(HDF5Error) -> hid_t {
        try check(id: H5Dget_space(dataset), what())
    }

    /// The file address of a contiguous dataset's values; nil when chunked, compact or not allocated.
    static func datasetOffset(_ dataset: hid_t) -> UInt64? {
        let offset = H5Dget_offset(dataset)
        return offset == haddr_t.max ? nil : UInt64(offset)
    }

    /// The bytes a dataset's values occupy in the file (after filters).
    static func datasetStorageSize(_ dataset: hid_t) -> UInt64 { H5Dget_storage_size(dataset) }

    /// True when a dataset's values are stored contiguously, with no filter and no external file:
    /// its bytes in the file are then exactly its values.
    static func isPlainContiguous(_ dataset: hid_t, _ what: @autoclosure () -> String) throws(HDF5Error) -> Bool {
        let create = try check(id: H5Dget_create_plist(dataset), what())
        defer { H5Pclose(create) }
        return H5Pget_layout(create) == H5D_CONTIGUOUS && H5Pget_nfilters(create) == 0
            && H5Pget_external_count(create) == 0
    }

    /// Frees the strings libhdf5 allocated when reading variable-length data into `buffer`.
    static func reclaimVariableLength(type: hid_t, space: hid_t, _ buffer: UnsafeMutableRawPointer?) {
        H5Dvlen_reclaim(type, space, chdf5_p_default(), buffer)
    }

    // MARK: Dataspaces

    /// A scalar dataspace.
    static func createScalarSpace() throws(HDF5Error) -> hid_t {
        try check(id: H5Screate(H5S_SCALAR), "create a dataspace")
    }

    /// A simple dataspace of `dimensions`.
    static func createSimpleSpace(_ dimensions: [hsize_t]) throws(HDF5Error) -> hid_t {
        try check(id: H5Screate_simple(Int32(dimensions.count), dimensions, nil), "create a dataspace")
    }

    /// Releases a dataspace.
    static func closeSpace(_ id: hid_t) { H5Sclose(id) }

    /// The number of elements in a dataspace; negative on failure.
    static func pointCount(_ space: hid_t) -> Int64 { Int64(H5Sget_simple_extent_npoints(space)) }

    /// The dimensions of a simple dataspace (empty for a scalar); nil when unreadable or of rank above `maxRank`.
    static func dimensions(_ space: hid_t, maxRank: Int32) -> [hsize_t]? {
        let rank = H5Sget_simple_extent_ndims(space)
        guard rank >= 0, rank <= maxRank else { return nil }
        var dims = [hsize_t](repeating: 0, count: Int(rank))
        if rank > 0 { guard H5Sget_simple_extent_dims(space, &dims, nil) == rank else { return nil } }
        return dims
    }

    // MARK: Types

    /// A new variable-length UTF-8 string type, which h5py reads as `str` (close with `closeType`).
    static func createTextType() throws(HDF5Error) -> hid_t {
        let type = try check(id: H5Tcopy(chdf5_c_s1()), "copy the string type")
        do throws(HDF5Error) {
            try check(H5Tset_size(type, chdf5_variable()), "make the string type variable-length")
            try check(H5Tset_cset(type, H5T_CSET_UTF8), "make the string type UTF-8")
        } catch {
            H5Tclose(type)
            throw error
        }
        return type
    }

    /// Releases a type.
    static func closeType(_ id: hid_t) { H5Tclose(id) }

    /// A type's class (integer, float, string, …).
    static func typeClass(_ type: hid_t) -> H5T_class_t { H5Tget_class(type) }

    /// True for a variable-length string type.
    static func isVariableLengthText(_ type: hid_t) -> Bool {
        H5Tget_class(type) == H5T_STRING && H5Tis_variable_str(type) > 0
    }

    /// True when a type stores its bytes little-endian (single bytes count as either order).
    static func isLittleEndian(_ type: hid_t) -> Bool {
        let order = H5Tget_order(type)
        return order == H5T_ORDER_LE || (order == H5T_ORDER_NONE && H5Tget_size(type) == 1)
    }

    /// A type's size in bytes.
    static func typeSize(_ type: hid_t) -> Int { Int(H5Tget_size(type)) }

    /// True for a signed (two's complement) integer type.
    static func isSigned(_ type: hid_t) -> Bool { H5Tget_sign(type) == H5T_SGN_2 }

    // MARK: Status

    /// Turns a negative status into an error saying what was attempted.
    @discardableResult
    private static func check(_ status: herr_t, _ what: @autoclosure () -> String) throws(HDF5Error) -> herr_t {
        guard status >= 0 else { throw HDF5Error("HDF5 failed to \(what())") }
        return status
    }

    /// Turns a negative identifier into an error saying what was attempted.
    private static func check(id: hid_t, _ what: @autoclosure () -> String) throws(HDF5Error) -> hid_t {
        guard id >= 0 else { throw HDF5Error("HDF5 failed to \(what())") }
        return id
    }

    /// A name fetched the libhdf5 way: once for its length, once into a buffer.
    private static func name(
        _ what: @autoclosure () -> String, _ fetch: (UnsafeMutablePointer<CChar>?, Int) -> Int
    ) throws(HDF5Error) -> String {
        let length = fetch(nil, 0)
        guard length >= 0 else { throw HDF5Error("HDF5 failed to \(what())") }
        var buffer = [CChar](repeating: 0, count: length + 1)
        let copied = buffer.withUnsafeMutableBufferPointer { fetch($0.baseAddress, $0.count) }
        guard copied == length else { throw HDF5Error("HDF5 failed to \(what())") }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
