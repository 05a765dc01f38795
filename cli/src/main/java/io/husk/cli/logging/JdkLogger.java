package io.husk.cli.logging;

import io.husk.core.log.Log;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/** One named System.Logger: warnings and errors always reach husk's log, the rest only with --debug. */
final class JdkLogger implements System.Logger {
    private final String name;

    JdkLogger(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return level != Level.OFF && (level.getSeverity() >= Level.WARNING.getSeverity() || Log.debugEnabled());
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (isLoggable(level)) {
            Log.write(huskLevel(level), name + ": " + msg + (thrown == null ? "" : ": " + thrown));
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            String msg = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
            Log.write(huskLevel(level), name + ": " + msg);
        }
    }

    private static Log.Level huskLevel(Level level) {
        return switch (level) {
            case ERROR -> Log.Level.ERROR;
            case WARNING -> Log.Level.WARNING;
            case INFO -> Log.Level.INFO;
            default -> Log.Level.DEBUG;
        };
    }
}
