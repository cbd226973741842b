package no.formidling.bridge.endpoint;

import java.io.IOException;

/** The target cannot hold this file name (e.g. letters outside ASCII while the JVM runs under the C locale). */
public class NameRefusedException extends IOException {
    public NameRefusedException(String name, Throwable cause) {
        super("the target cannot hold the file name '" + name + "': " + cause.getMessage(), cause);
    }
}
