package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import javax.crypto.SecretKey;

import com.microsoft.aad.msal4j.ITokenCache;
import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * MSAL4J token cache kept in a directory between runs and shared by the processes of the
 * same user.
 * <p>
 * With an operating-system secret store (the Secret Service on Linux, the login keychain
 * on macOS, DPAPI on Windows), the cache is {@code msal-cache.bin}, encrypted with
 * AES-256-GCM under a key that the store keeps; otherwise it is the plain
 * {@code msal-cache.json}. Every access runs under {@link CacheLock}; the file is read
 * again only when a cheap check says another process has replaced it, and written
 * atomically when MSAL4J has changed the cache. A file that is damaged in any way (empty,
 * not JSON, JSON of another shape than MSAL4J needs, see {@link TokenCacheShape},
 * truncated, encrypted with another key, a directory, a link, too large, unreadable) is
 * moved aside untouched with one warning that names it, and the application goes on with
 * an empty cache: the user signs in again, and the next save writes a new file.
 * <p>
 * Nothing happens at construction: the directory, the lock and the secret store are
 * first touched by the first cache access.
 */
public final class PersistentTokenCache implements ITokenCacheAccessAspect {

	static final String ENCRYPTED_FILE = "msal-cache.bin";

	static final String PLAIN_FILE = "msal-cache.json";

	static final String LOCK_FILE = "msal-cache.lock";

	private static final Log logger = LogFactory.getLog(PersistentTokenCache.class);

	private final Path directory;

	private final CacheProtection mode;

	private final boolean allowUnprotected;

	private final CacheKeySource keys;

	private final CacheLock lock;

	private final Clock clock;

	// Guarded by the lock
	private @Nullable CacheBacking backing;

	private @Nullable SecretKey key;

	private @Nullable FileState lastSeen;

	private @Nullable FileState lastFailed;

	/** Whether this instance has written the cache file, and cleaned up before it. */
	private boolean written;

	private @Nullable Pending pending;

	/**
	 * Create a cache in a directory.
	 * @param directory the directory
	 * @param clientId the client ID, which names the key in the secret store
	 * @param mode where tokens may be kept
	 * @param allowUnprotected whether {@link CacheProtection#AUTO} may fall back to a
	 * plain file
	 */
	public PersistentTokenCache(Path directory, String clientId, CacheProtection mode, boolean allowUnprotected) {
		this(directory, mode, allowUnprotected,
				new CacheKeySource(OsSecretStores.forCurrentPlatform(clientId, directory.toAbsolutePath()),
						Duration.ofSeconds(3)),
				Duration.ofSeconds(10), Clock.systemUTC());
	}

	PersistentTokenCache(Path directory, CacheProtection mode, boolean allowUnprotected, CacheKeySource keys,
			Duration lockBound, Clock clock) {
		Assert.notNull(directory, "'directory' must not be null");
		Assert.notNull(mode, "'mode' must not be null");
		this.directory = directory.toAbsolutePath();
		this.mode = mode;
		this.allowUnprotected = allowUnprotected;
		this.keys = keys;
		this.lock = new CacheLock(this.directory.resolve(LOCK_FILE), lockBound);
		this.clock = clock;
	}

	/**
	 * Return the cache directory.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Return whether the cache encrypts its file where a secret store works: unless its
	 * protection is {@link CacheProtection#NONE}. Whether one works is known at the first
	 * access.
	 * @return whether the cache is meant to be encrypted
	 */
	public boolean isEncrypting() {
		return this.mode != CacheProtection.NONE;
	}

	/**
	 * Read the accounts and access tokens of the cache file without MSAL4J, for serving a
	 * token before MSAL4J's application is built. The content read is kept for the next
	 * cache access, which then does not read the file again unless it has changed.
	 * @return the entries, or {@code null} if there is no file or it cannot be read (the
	 * next cache access reports why)
	 */
	public @Nullable TokenCacheEntries entries() {
		CacheKeySource.Lookup lookup = lookUpKey();
		this.lock.lock();
		try {
			ReadAhead readAhead = readAhead(lookup);
			CacheBacking backing = backing(lookup);
			FileState state = state(backing.file());
			if (!state.exists()) {
				return null;
			}
			Pending pending = this.pending;
			String json = (pending != null && pending.state().equals(state)) ? pending.json() : null;
			if (json == null) {
				json = read(backing, (readAhead != null) ? readAhead.content(backing.file(), state) : null);
				if (json == null) {
					return null;
				}
			}
			TokenCacheEntries entries = TokenCacheShape.check(json);
			// what MSAL4J has loaded already need not wait for it
			this.pending = !state.equals(this.lastSeen) ? new Pending(state, json) : null;
			return entries;
		}
		catch (TokenCacheUnavailableException | UnreadableCacheException | IOException | SecretStoreException ex) {
			return null;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void beforeCacheAccess(ITokenCacheAccessContext context) {
		CacheKeySource.Lookup lookup = lookUpKey();
		this.lock.lock();
		boolean loaded = false;
		try {
			ReadAhead readAhead = readAhead(lookup);
			CacheBacking backing = backing(lookup);
			FileState state = state(backing.file());
			if (!state.equals(this.lastSeen)) {
				load(context.tokenCache(), backing, state,
						(readAhead != null) ? readAhead.content(backing.file(), state) : null);
			}
			loaded = true;
		}
		finally {
			if (!loaded) {
				this.lock.unlock();
			}
		}
	}

	@Override
	public void afterCacheAccess(ITokenCacheAccessContext context) {
		if (!this.lock.isHeldByCurrentThread()) {
			return;
		}
		try {
			CacheBacking backing = this.backing;
			if (context.hasCacheChanged() && backing != null) {
				save(context.tokenCache(), backing);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return where and how tokens are kept, looking for the secret store if no access has
	 * done so yet.
	 * @return the status
	 */
	public TokenCacheStatus status() {
		this.lock.lock();
		try {
			return backing(null).status();
		}
		catch (TokenCacheUnavailableException ex) {
			return new TokenCacheStatus(TokenCacheProtection.UNAVAILABLE, this.directory, ex.getMessage());
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Start looking the key up if this is the first access of an encrypted cache: the
	 * lookup (a round trip to another process) runs while the lock is taken and the file
	 * read.
	 */
	private CacheKeySource.@Nullable Lookup lookUpKey() {
		return (this.backing == null && this.mode != CacheProtection.NONE) ? this.keys.lookUp() : null;
	}

	/**
	 * Read the encrypted file while the key is looked up.
	 */
	private @Nullable ReadAhead readAhead(CacheKeySource.@Nullable Lookup lookup) {
		return (lookup != null && this.backing == null) ? ReadAhead.of(this.directory.resolve(ENCRYPTED_FILE)) : null;
	}

	private CacheBacking backing(CacheKeySource.@Nullable Lookup lookup) {
		CacheBacking backing = this.backing;
		if (backing == null) {
			backing = CacheBacking.resolve(this.directory, this.mode, this.allowUnprotected, this.keys, lookup);
			this.key = backing.key();
			this.backing = backing;
		}
		return backing;
	}

	private void load(ITokenCache cache, CacheBacking backing, FileState state, byte @Nullable [] readAhead) {
		Pending pending = this.pending;
		this.pending = null;
		if (pending != null && pending.state().equals(state)) {
			replace(cache, backing, state, pending.json());
			return;
		}
		if (!state.exists()) {
			if (this.lastSeen != null && this.lastSeen.exists()) {
				TokenCacheContent.clear(cache);
			}
			this.lastSeen = state;
			return;
		}
		String json;
		try {
			String read = read(backing, readAhead);
			if (read == null) {
				load(cache, backing, FileState.MISSING, null);
				return;
			}
			json = read;
			TokenCacheShape.check(json);
		}
		catch (UnreadableCacheException ex) {
			moveAside(cache, backing, state, ex.getMessage());
			return;
		}
		catch (IOException | SecretStoreException ex) {
			// perhaps only for now: keep the file and the tokens in memory, and say so once
			if (!state.equals(this.lastFailed)) {
				logger.warn("Cannot read the token cache " + backing.file() + " (" + ex.getMessage()
						+ "); going on with the tokens in memory");
				this.lastFailed = state;
			}
			return;
		}
		replace(cache, backing, state, json);
	}

	private void replace(ITokenCache cache, CacheBacking backing, FileState state, String json) {
		try {
			TokenCacheContent.replace(cache, json);
			this.lastSeen = state;
			this.lastFailed = null;
		}
		catch (RuntimeException ex) {
			moveAside(cache, backing, state, "MSAL4J cannot read it (" + ex.getClass().getSimpleName() + ")");
		}
	}

	/**
	 * Read and decode the cache file, or take the content read ahead.
	 * @return the JSON, or {@code null} if the file is gone
	 */
	private @Nullable String read(CacheBacking backing, byte @Nullable [] readAhead)
			throws IOException, UnreadableCacheException, SecretStoreException {
		byte[] content = (readAhead != null) ? readAhead : CacheFileReader.read(backing.file());
		return (content != null) ? decode(backing, content) : null;
	}

	private String decode(CacheBacking backing, byte[] content)
			throws UnreadableCacheException, SecretStoreException {
		if (!backing.encrypted()) {
			return CacheCodec.plain().decode(content);
		}
		SecretKey known = this.key;
		UnreadableCacheException failure = null;
		if (known != null) {
			try {
				return CacheCodec.encrypted(known).decode(content);
			}
			catch (UnreadableCacheException ex) {
				failure = ex;
			}
		}
		// Another process may have stored a new key since this one looked
		SecretKey current = this.keys.find();
		if (current == null) {
			throw new UnreadableCacheException("the " + this.keys.storeName() + " has no key for it");
		}
		if (known != null && failure != null && MessageDigest.isEqual(current.getEncoded(), known.getEncoded())) {
			throw failure;
		}
		this.key = current;
		return CacheCodec.encrypted(current).decode(content);
	}

	private void moveAside(ITokenCache cache, CacheBacking backing, FileState state, String reason) {
		TokenCacheContent.clear(cache);
		try {
			Path aside = CacheFiles.moveAside(backing.file(), this.clock);
			logger.warn("The token cache " + backing.file() + " cannot be read: " + reason + ". Moved it to "
					+ aside.getFileName() + " and starting with an empty cache; sign in again.");
			this.lastSeen = FileState.MISSING;
		}
		catch (IOException ex) {
			logger.warn("The token cache " + backing.file() + " cannot be read: " + reason + ", nor moved aside ("
					+ ex.getMessage() + "); starting with an empty cache. Delete or move the file to keep tokens "
					+ "between runs again.");
			// not read again until it changes
			this.lastSeen = state;
		}
	}

	private void save(ITokenCache cache, CacheBacking backing) {
		try {
			CacheCodec codec = CacheCodec.plain();
			if (backing.encrypted()) {
				SecretKey key = this.key;
				if (key == null) {
					key = this.keys.findOrCreate();
					this.key = key;
				}
				codec = CacheCodec.encrypted(key);
			}
			if (!this.written) {
				// what a writer killed mid-write left behind: the first write cleans up, a run
				// that only reads does not spend its start-up on it
				CacheFiles.deleteAbandonedTemporaryFiles(backing.file(), this.clock);
				this.written = true;
			}
			CacheFiles.writeAtomically(backing.file(), codec.encode(cache.serialize()));
			this.lastSeen = FileState.of(backing.file());
		}
		catch (IOException | SecretStoreException ex) {
			logger.warn("Cannot save the token cache " + backing.file() + " (" + ex.getMessage()
					+ "); the tokens are kept in memory only");
		}
	}

	private static FileState state(Path file) {
		try {
			return FileState.of(file);
		}
		catch (IOException ex) {
			return FileState.MISSING;
		}
	}

	/**
	 * Checked cache JSON that {@link #entries()} read and the next load uses, if the file
	 * is still in the state it was read in.
	 */
	private record Pending(FileState state, String json) {

	}

	/**
	 * The encrypted cache file, read (and its decryption prepared) while the key is looked
	 * up. Only a file read without fault counts: anything else is read again, and
	 * reported, on the usual path.
	 */
	private record ReadAhead(Path file, FileState state, byte @Nullable [] content) {

		static @Nullable ReadAhead of(Path file) {
			FileState state = PersistentTokenCache.state(file);
			if (!state.exists()) {
				return null;
			}
			try {
				ReadAhead readAhead = new ReadAhead(file, state, CacheFileReader.read(file));
				CacheCodec.prepareEncrypted();
				return readAhead;
			}
			catch (IOException | UnreadableCacheException ex) {
				return null;
			}
		}

		/**
		 * Return the content read ahead if it is that of the given file in the given
		 * state.
		 */
		byte @Nullable [] content(Path file, FileState state) {
			return (this.file.equals(file) && this.state.equals(state)) ? this.content : null;
		}

	}

}
