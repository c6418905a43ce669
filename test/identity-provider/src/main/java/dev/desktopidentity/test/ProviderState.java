package dev.desktopidentity.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a provider built with
 * {@link LocalIdentityProviderBuilder#stateDirectory(Path) stateDirectory} keeps between
 * runs, in that directory (mode 0700, files 0600): its token signing key
 * ({@code signing-key.json}), its TLS key and certificate ({@code tls.p12}), and in
 * {@code state.json} its port, the object IDs of its users and its refresh tokens, by
 * SHA-256 hash only. A file that cannot be read is started afresh, with a warning.
 */
final class ProviderState {

	private static final Logger logger = LoggerFactory.getLogger(ProviderState.class);

	private static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(365);

	private final Path directory;

	private final Map<String, Object> saved;

	private ProviderState(Path directory, Map<String, Object> saved) {
		this.directory = directory;
		this.saved = saved;
	}

	static ProviderState open(Path directory) {
		try {
			Files.createDirectories(directory);
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the provider's state directory " + directory, ex);
		}
		Map<String, Object> saved = new LinkedHashMap<>();
		String json = read(directory.resolve("state.json"));
		if (json != null) {
			try {
				saved = JSONObjectUtils.parse(json);
			}
			catch (ParseException ex) {
				logger.warn("The provider's saved state {} cannot be read; starting afresh", directory.resolve("state.json"));
			}
		}
		return new ProviderState(directory, saved);
	}

	/**
	 * Return the port of the last run.
	 * @return the port, or 0
	 */
	int port() {
		Object port = this.saved.get("port");
		return (port instanceof Number number) ? number.intValue() : 0;
	}

	SigningKey signingKey() {
		Path file = this.directory.resolve("signing-key.json");
		String json = read(file);
		if (json != null) {
			try {
				return SigningKey.fromJson(json);
			}
			catch (IllegalArgumentException ex) {
				logger.warn("{}; making a new signing key", ex.getMessage());
			}
		}
		SigningKey key = SigningKey.generate();
		write(file, key.toJson().getBytes(StandardCharsets.UTF_8));
		return key;
	}

	TlsIdentity tls() {
		Path file = this.directory.resolve("tls.p12");
		try {
			if (Files.isRegularFile(file)) {
				TlsIdentity tls = TlsIdentity.fromPkcs12(Files.readAllBytes(file));
				if (tls.validAt(Instant.now().plus(Duration.ofDays(1)))) {
					return tls;
				}
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			logger.warn("The provider's TLS key store {} cannot be read; making a new certificate", file);
		}
		TlsIdentity tls = TlsIdentity.generate(CERTIFICATE_VALIDITY);
		write(file, tls.toPkcs12());
		return tls;
	}

	/**
	 * Return the configured users, each with the object ID it had in earlier runs.
	 * @param configured the users of the builder
	 * @return the users
	 */
	List<LocalUser> users(List<LocalUser> configured) {
		Map<String, String> objectIds = new LinkedHashMap<>();
		if (this.saved.get("users") instanceof List<?> users) {
			for (Object user : users) {
				if (user instanceof Map<?, ?> entry && entry.get("username") instanceof String username
						&& entry.get("objectId") instanceof String objectId) {
					objectIds.put(LocalUser.key(username), objectId);
				}
			}
		}
		List<LocalUser> users = new ArrayList<>();
		for (LocalUser user : configured) {
			String objectId = objectIds.get(LocalUser.key(user.username()));
			users.add((objectId != null) ? user.withObjectId(UUID.fromString(objectId)) : user);
		}
		return users;
	}

	/**
	 * Restore the refresh tokens of the users.
	 * @param store the store
	 * @param users the users
	 */
	void restore(RefreshTokenStore store, List<LocalUser> users) {
		Map<String, LocalUser> byObjectId = new LinkedHashMap<>();
		users.forEach((user) -> byObjectId.put(user.objectId().toString(), user));
		List<RefreshTokenStore.Saved.Token> tokens = new ArrayList<>();
		List<String> revoked = new ArrayList<>();
		try {
			if (this.saved.get("refreshTokens") instanceof List<?> saved) {
				for (Object item : saved) {
					if (item instanceof Map<?, ?> token) {
						tokens.add(new RefreshTokenStore.Saved.Token((String) token.get("hash"),
								(String) token.get("familyId"), (String) token.get("user"), (String) token.get("clientId"),
								Scopes.parse((String) token.get("scopes")), Instant.parse((String) token.get("expiresAt")),
								Boolean.TRUE.equals(token.get("used"))));
					}
				}
			}
			if (this.saved.get("revokedFamilies") instanceof List<?> families) {
				families.forEach((family) -> revoked.add(String.valueOf(family)));
			}
		}
		catch (RuntimeException ex) {
			logger.warn("The provider's saved refresh tokens cannot be read; users sign in again");
			return;
		}
		store.restore(new RefreshTokenStore.Saved(tokens, revoked), byObjectId);
	}

	/**
	 * Save the port, the users and the refresh tokens.
	 * @param port the port
	 * @param users the users
	 * @param store the refresh tokens
	 */
	synchronized void save(int port, List<LocalUser> users, RefreshTokenStore store) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("port", port);
		List<Object> savedUsers = new ArrayList<>();
		users.forEach((user) -> savedUsers.add(Map.of("username", user.username(), "objectId",
				user.objectId().toString())));
		state.put("users", savedUsers);
		RefreshTokenStore.Saved saved = store.save();
		List<Object> tokens = new ArrayList<>();
		for (RefreshTokenStore.Saved.Token token : saved.tokens()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("hash", token.hash());
			entry.put("familyId", token.familyId());
			entry.put("user", token.userObjectId());
			entry.put("clientId", token.clientId());
			entry.put("scopes", String.join(" ", token.scopes()));
			entry.put("expiresAt", token.expiresAt().toString());
			entry.put("used", token.used());
			tokens.add(entry);
		}
		state.put("refreshTokens", tokens);
		state.put("revokedFamilies", new ArrayList<Object>(saved.revokedFamilies()));
		write(this.directory.resolve("state.json"), JSONObjectUtils.toJSONString(state).getBytes(StandardCharsets.UTF_8));
	}

	private static @Nullable String read(Path file) {
		try {
			return Files.isRegularFile(file) ? Files.readString(file) : null;
		}
		catch (IOException ex) {
			logger.warn("Cannot read {}: {}", file, ex.getMessage());
			return null;
		}
	}

	private static void write(Path file, byte[] content) {
		try {
			Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
			Files.write(temporary, content);
			try {
				Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			logger.warn("Cannot save {}: {}", file, ex.getMessage());
		}
	}

}
