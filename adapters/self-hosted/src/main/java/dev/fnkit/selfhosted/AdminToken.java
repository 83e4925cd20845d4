package dev.fnkit.selfhosted;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The bearer token of the admin API: given (env {@code FNKIT_ADMIN_TOKEN}), or read from
 * {@code <data-dir>/admin-token}, which is generated on first start readable by its owner only. Its value is never
 * printed; {@link #toString()} hides it.
 */
final class AdminToken {
    static final String ENV = "FNKIT_ADMIN_TOKEN";
    static final String FILE_NAME = "admin-token";
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private final byte[] token;
    private final Path file;

    private AdminToken(String token, Path file) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.file = file;
    }

    /**
     * The given token, or the one in the data directory's token file, generated when there is none.
     *
     * @param given the configured token, or null
     */
    static AdminToken load(String given, Path dataDir) throws IOException {
        if (given != null && !given.isBlank()) {
            return new AdminToken(given.strip(), null);
        }
        Path file = dataDir.resolve(FILE_NAME);
        Files.createDirectories(dataDir);
        if (!Files.exists(file)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                }
                Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            } catch (FileAlreadyExistsException raced) {
                // another gateway wrote it first: use theirs
            }
        }
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IOException(file + " is empty; delete it to generate a new admin token");
        }
        return new AdminToken(token, file);
    }

    /** The file holding the token, or null when it was given. */
    Path file() {
        return file;
    }

    /** True for an {@code Authorization} header carrying this token as a bearer token. */
    boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, token);
    }

    @Override
    public String toString() {
        return file == null ? "admin token from the environment" : "admin token in " + file;
    }
}
