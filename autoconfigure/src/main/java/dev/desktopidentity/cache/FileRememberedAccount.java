package dev.desktopidentity.cache;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import dev.desktopidentity.SignedInAccount;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Remembers the account that signed in last in a small file next to the token cache,
 * {@code account.properties}, so that the next run signs in silently. The file holds the
 * home account ID and the user name, no secrets, and is replaced atomically, and only
 * when the account changes. It is parsed again only when a {@code stat} says another
 * process has replaced it.
 */
public final class FileRememberedAccount implements RememberedAccount {

	static final String FILE = "account.properties";

	private static final String HOME_ACCOUNT_ID = "home-account-id";

	private static final String USERNAME = "username";

	private static final Log logger = LogFactory.getLog(FileRememberedAccount.class);

	private final Path file;

	private final Object monitor = new Object();

	private volatile Snapshot snapshot = Snapshot.UNREAD;

	/**
	 * Create a memory in a directory.
	 * @param directory the token cache directory
	 */
	public FileRememberedAccount(Path directory) {
		Assert.notNull(directory, "'directory' must not be null");
		this.file = directory.toAbsolutePath().resolve(FILE);
	}

	@Override
	public @Nullable String homeAccountId() {
		return read().homeAccountId();
	}

	@Override
	public @Nullable String lastKnownHomeAccountId() {
		Snapshot known = this.snapshot;
		return (known != Snapshot.UNREAD) ? known.homeAccountId() : homeAccountId();
	}

	/**
	 * Return the user name of the remembered account.
	 * @return the user name, or {@code null} if none is remembered
	 */
	public @Nullable String username() {
		return read().username();
	}

	@Override
	public void remember(SignedInAccount account) {
		Assert.notNull(account, "'account' must not be null");
		synchronized (this.monitor) {
			Snapshot current = read();
			if (account.homeAccountId().equals(current.homeAccountId())
					&& account.username().equals(current.username())) {
				return;
			}
			Properties properties = new Properties();
			properties.setProperty(HOME_ACCOUNT_ID, account.homeAccountId());
			properties.setProperty(USERNAME, account.username());
			try {
				ByteArrayOutputStream content = new ByteArrayOutputStream();
				properties.store(content, "Account that desktop-identity signs in with silently; no secrets");
				CacheFiles.writeAtomically(this.file, content.toByteArray());
				this.snapshot = new Snapshot(state(), account.homeAccountId(), account.username());
			}
			catch (IOException ex) {
				logger.warn("Cannot remember the signed-in account in " + this.file + " (" + ex.getMessage() + ")");
				// no state: the next read parses the file again
				this.snapshot = new Snapshot(null, account.homeAccountId(), account.username());
			}
		}
	}

	@Override
	public void forget() {
		synchronized (this.monitor) {
			try {
				Files.deleteIfExists(this.file);
			}
			catch (IOException ex) {
				logger.warn("Cannot forget the remembered account in " + this.file + " (" + ex.getMessage() + ")");
			}
			this.snapshot = new Snapshot(FileState.MISSING, null, null);
		}
	}

	/**
	 * Return what the file says, parsing it only when it has changed since last read.
	 */
	private Snapshot read() {
		Snapshot known = this.snapshot;
		FileState state = state();
		if (known != Snapshot.UNREAD && state.equals(known.state())) {
			return known;
		}
		Snapshot current = parse(state);
		this.snapshot = current;
		return current;
	}

	private Snapshot parse(FileState state) {
		if (!state.exists()) {
			return new Snapshot(state, null, null);
		}
		try {
			byte[] content = CacheFiles.readIfExists(this.file);
			if (content == null) {
				return new Snapshot(FileState.MISSING, null, null);
			}
			Properties properties = new Properties();
			properties.load(new StringReader(new String(content, StandardCharsets.ISO_8859_1)));
			String id = properties.getProperty(HOME_ACCOUNT_ID);
			return new Snapshot(state, (id != null && !id.isBlank()) ? id : null, properties.getProperty(USERNAME));
		}
		catch (IOException | IllegalArgumentException ex) {
			logger.debug("Cannot read the remembered account in " + this.file, ex);
			return new Snapshot(state, null, null);
		}
	}

	private FileState state() {
		try {
			return FileState.of(this.file);
		}
		catch (IOException ex) {
			// unreadable: parse again next time
			return new FileState(true, -1, -1, new Object());
		}
	}

	/**
	 * The file as last read: its state and what it said.
	 */
	private record Snapshot(@Nullable FileState state, @Nullable String homeAccountId, @Nullable String username) {

		// compared by identity: nothing read yet
		static final Snapshot UNREAD = new Snapshot(null, null, null);

	}

}
