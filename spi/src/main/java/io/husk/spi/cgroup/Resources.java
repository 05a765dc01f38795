package io.husk.spi.cgroup;

import java.util.List;
import java.util.Map;

/**
 * The OCI {@code linux.resources} object in the shape drivers need. A null field means "not set": leave the
 * kernel's value alone. Values are those of the runtime-spec (v1 semantics); v2 drivers convert.
 */
public record Resources(
        Memory memory,
        Cpu cpu,
        Pids pids,
        BlockIo blockIo,
        List<HugepageLimit> hugepageLimits,
        Network network,
        List<DeviceRule> devices,
        Map<String, String> unified,
        Map<String, Rdma> rdma) {

    public static Resources none() {
        return new Resources(null, null, null, null, null, null, null, null, null);
    }

    public record Memory(Long limit, Long reservation, Long swap, Long kernel, Long kernelTcp, Long swappiness,
                         Boolean disableOomKiller, Boolean useHierarchy, Boolean checkBeforeUpdate) {
    }

    public record Cpu(Long shares, Long quota, Long burst, Long period, Long realtimeRuntime,
                      Long realtimePeriod, String cpus, String mems, Long idle) {
    }

    public record Pids(long limit) {
    }

    public record BlockIo(Integer weight, Integer leafWeight, List<WeightDevice> weightDevice,
                          List<ThrottleDevice> throttleReadBpsDevice, List<ThrottleDevice> throttleWriteBpsDevice,
                          List<ThrottleDevice> throttleReadIopsDevice,
                          List<ThrottleDevice> throttleWriteIopsDevice) {
    }

    public record WeightDevice(long major, long minor, Integer weight, Integer leafWeight) {
    }

    public record ThrottleDevice(long major, long minor, long rate) {
    }

    public record HugepageLimit(String pageSize, long limit) {
    }

    public record Network(Long classId, List<Priority> priorities) {
    }

    public record Priority(String name, long priority) {
    }

    /** One device cgroup rule; type is "a", "b" or "c"; null major/minor mean any ("*"). */
    public record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {
    }

    public record Rdma(Long hcaHandles, Long hcaObjects) {
    }
}
