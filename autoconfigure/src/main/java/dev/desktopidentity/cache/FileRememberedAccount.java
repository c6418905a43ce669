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
 * home account ID and the user name, no secrets, and is replaced atomically.
 */
public final class FileRememberedAccount implements RememberedAccount {

	static final String FILE = "account.properties";

	private static final String HOME_ACCOUNT_ID = "home-account-id";

	private static final String USERNAME = "username";

	private static final Log logger = LogFactory.getLog(FileRememberedAccount.class);

	private final Path file;

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
		Properties properties = read();
		String id = (properties != null) ? properties.getProperty(HOME_ACCOUNT_ID) : null;
		return (id != null && !id.isBlank()) ? id : null;
	}

	/**
	 * Return the user name of the remembered account.
	 * @return the user name, or {@code null} if none is remembered
	 */
	public @Nullable String username() {
		Properties properties = read();
		return (properties != null) ? properties.getProperty(USERNAME) : null;
	}

	@Override
	public void remember(SignedInAccount account) {
		Assert.notNull(account, "'account' must not be null");
		Properties properties = new Properties();
		properties.setProperty(HOME_ACCOUNT_ID, account.homeAccountId());
		properties.setProperty(USERNAME, account.username());
		try {
			ByteArrayOutputStream content = new ByteArrayOutputStream();
			properties.store(content, "Account that desktop-identity signs in with silently; no secrets");
			CacheFiles.writeAtomically(this.file, content.toByteArray());
		}
		catch (IOException ex) {
			logger.warn("Cannot remember the signed-in account in " + this.file + " (" + ex.getMessage() + ")");
		}
	}

	@Override
	public void forget() {
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			logger.warn("Cannot forget the remembered account in " + this.file + " (" + ex.getMessage() + ")");
		}
	}

	private @Nullable Properties read() {
		try {
			byte[] content = CacheFiles.readIfExists(this.file);
			if (content == null) {
				return null;
			}
			Properties properties = new Properties();
			properties.load(new StringReader(new String(content, StandardCharsets.ISO_8859_1)));
			return properties;
		}
		catch (IOException | IllegalArgumentException ex) {
			logger.debug("Cannot read the remembered account in " + this.file, ex);
			return null;
		}
	}

}
