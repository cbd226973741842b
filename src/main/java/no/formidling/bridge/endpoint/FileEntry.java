package no.formidling.bridge.endpoint;

/** A regular file in the bridge's directory. */
public record FileEntry(String name, long size, long modifiedMillis) {

    /** Identifies this version of the file: a file dropped again under the same name is a new file. */
    public String key() {
        return name + "|" + size + "|" + modifiedMillis;
    }
}
