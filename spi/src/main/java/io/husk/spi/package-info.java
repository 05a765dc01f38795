/**
 * The public plugin API of husk. Vendors compile against this module only; it depends on nothing else of
 * husk's. Implementations are found with {@link java.util.ServiceLoader}, from the class path and from
 * jars in husk's plugins directory.
 *
 * <ul>
 *   <li>{@link io.husk.spi.cgroup.CgroupDriver}: a cgroup hierarchy layout (v1, v2, ...).</li>
 *   <li>{@link io.husk.spi.rootfs.RootfsStrategy}: how the container's root filesystem is assembled.</li>
 *   <li>{@link io.husk.spi.sync.SyncBackend}: the gate that holds a created container until start.</li>
 * </ul>
 */
package io.husk.spi;
