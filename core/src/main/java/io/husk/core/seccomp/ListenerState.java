package io.husk.core.seccomp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.util.Map;

/**
 * The container process state a seccomp notify listener receives with the notify fd (runtime-spec
 * "ContainerProcessState"). The init's host pid is unknown when the plan is compiled; husk-init replaces
 * {@link #PID_MARKER} with it.
 */
public final class ListenerState {
    public static final String PID_MARKER = "@PID@";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ListenerState() {
    }

    /**
     * @param status "creating" when the filter is loaded during create, "running" when after the start gate
     */
    public static String json(String ociVersion, String id, String status, String bundle,
                              Map<String, String> annotations, String metadata) {
        ObjectNode state = JSON.createObjectNode();
        state.put("ociVersion", ociVersion);
        state.put("id", id);
        state.put("status", status);
        state.putRawValue("pid", new RawValue(PID_MARKER));
        state.put("bundle", bundle);
        ObjectNode ann = state.putObject("annotations");
        if (annotations != null) {
            annotations.forEach(ann::put);
        }
        ObjectNode top = JSON.createObjectNode();
        top.put("ociVersion", ociVersion);
        top.putArray("fds").add("seccompFd");
        top.putRawValue("pid", new RawValue(PID_MARKER));
        if (metadata != null && !metadata.isEmpty()) {
            top.put("metadata", metadata);
        }
        top.set("state", state);
        return top.toString();
    }
}
