package dev.aiguardian.topology.common;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * One memory bound for every RocksDB store of the process (all apps, all window segments): a shared
 * block cache that the memtables are charged to. RocksDB's defaults give each store its own 50 MB
 * cache and up to 3 x 16 MB memtables, outside the Java heap, and a windowed store is one RocksDB per
 * segment, so the native memory of the usage totals alone could grow by hundreds of MB.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
    /** Block cache, index and filter blocks and memtables of all stores together. */
    static final long TOTAL_BYTES = 32L * 1024 * 1024;
    /** The part of {@link #TOTAL_BYTES} memtables may take before RocksDB flushes them. */
    static final long MEMTABLE_BYTES = 8L * 1024 * 1024;
    // Shared by every store instance of the JVM, so never closed per store.
    private static final Cache CACHE = new LRUCache(TOTAL_BYTES, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(WRITE_BUFFERS);
        // The stores hold small totals and pipeline states: 2 MB memtables flush often enough to stay small.
        options.setWriteBufferSize(2L * 1024 * 1024);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // CACHE and WRITE_BUFFERS are shared: closing them here would break the other stores.
    }
}
