package io.husk.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The OCI runtime-spec configuration ({@code config.json}), as read by Jackson. Unknown fields are ignored,
 * as the spec requires; values are checked by {@link ConfigValidator}, not here.
 */
public record Spec(String ociVersion, Process process, Root root, String hostname, String domainname,
                   List<Mount> mounts, Hooks hooks, Map<String, String> annotations, Linux linux) {

    public record Process(Boolean terminal, Box consoleSize, User user, List<String> args, String commandLine,
                          List<String> env, String cwd, Capabilities capabilities, List<Rlimit> rlimits,
                          Boolean noNewPrivileges, String apparmorProfile, Integer oomScoreAdj,
                          Scheduler scheduler, String selinuxLabel, IoPriority ioPriority) {
    }

    public record Box(int height, int width) {
    }

    public record User(Long uid, Long gid, Long umask, List<Long> additionalGids, String username) {
    }

    public record Capabilities(List<String> bounding, List<String> effective, List<String> inheritable,
                               List<String> permitted, List<String> ambient) {
    }

    public record Rlimit(String type, BigInteger hard, BigInteger soft) {
    }

    public record Scheduler(String policy, Integer nice, Integer priority, List<String> flags, Long runtime,
                            Long deadline, Long period) {
    }

    public record IoPriority(@JsonProperty("class") String ioClass, Integer priority) {
    }

    public record Root(String path, Boolean readonly) {
    }

    public record Mount(String destination, String source, List<String> options, String type,
                        List<IdMapping> uidMappings, List<IdMapping> gidMappings) {
    }

    public record Hooks(List<Hook> prestart, List<Hook> createRuntime, List<Hook> createContainer,
                        List<Hook> startContainer, List<Hook> poststart, List<Hook> poststop) {
    }

    public record Hook(String path, List<String> args, List<String> env, Integer timeout) {
    }

    public record Linux(List<IdMapping> uidMappings, List<IdMapping> gidMappings, Map<String, String> sysctl,
                        Resources resources, String cgroupsPath, List<Namespace> namespaces,
                        List<Device> devices, Seccomp seccomp, String rootfsPropagation,
                        List<String> maskedPaths, List<String> readonlyPaths, String mountLabel,
                        Personality personality, Map<String, TimeOffset> timeOffsets) {
    }

    public record IdMapping(@JsonProperty("containerID") long containerId, @JsonProperty("hostID") long hostId,
                            long size) {
    }

    public record Namespace(String type, String path) {
    }

    public record Device(String type, String path, Long major, Long minor, Integer fileMode, Long uid,
                         Long gid) {
    }

    public record Personality(String domain, List<String> flags) {
    }

    public record TimeOffset(Long secs, Long nanosecs) {
    }

    public record Seccomp(String defaultAction, Integer defaultErrnoRet, List<String> architectures,
                          List<String> flags, String listenerPath, String listenerMetadata,
                          List<Syscall> syscalls) {
    }

    public record Syscall(List<String> names, String action, Integer errnoRet, List<SeccompArg> args) {
    }

    public record SeccompArg(int index, BigInteger value, BigInteger valueTwo, String op) {
    }

    /** {@code linux.resources}. */
    public record Resources(List<DeviceRule> devices, Memory memory, Cpu cpu, Pids pids,
                            @JsonProperty("blockIO") BlockIo blockIo, List<HugepageLimit> hugepageLimits,
                            Network network, Map<String, Rdma> rdma, Map<String, String> unified) {
    }

    public record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {
    }

    public record Memory(Long limit, Long reservation, Long swap, Long kernel,
                         @JsonProperty("kernelTCP") Long kernelTcp, BigInteger swappiness,
                         @JsonProperty("disableOOMKiller") Boolean disableOomKiller, Boolean useHierarchy,
                         Boolean checkBeforeUpdate) {
    }

    public record Cpu(BigInteger shares, Long quota, BigInteger burst, BigInteger period, Long realtimeRuntime,
                      BigInteger realtimePeriod, String cpus, String mems, Long idle) {
    }

    public record Pids(Long limit) {
    }

    public record BlockIo(Integer weight, Integer leafWeight, List<WeightDevice> weightDevice,
                          List<ThrottleDevice> throttleReadBpsDevice, List<ThrottleDevice> throttleWriteBpsDevice,
                          @JsonProperty("throttleReadIOPSDevice") List<ThrottleDevice> throttleReadIopsDevice,
                          @JsonProperty("throttleWriteIOPSDevice") List<ThrottleDevice> throttleWriteIopsDevice) {
    }

    public record WeightDevice(long major, long minor, Integer weight, Integer leafWeight) {
    }

    public record ThrottleDevice(long major, long minor, BigInteger rate) {
    }

    public record HugepageLimit(String pageSize, BigInteger limit) {
    }

    public record Network(@JsonProperty("classID") Long classId, List<Priority> priorities) {
    }

    public record Priority(String name, long priority) {
    }

    public record Rdma(Long hcaHandles, Long hcaObjects) {
    }
}
