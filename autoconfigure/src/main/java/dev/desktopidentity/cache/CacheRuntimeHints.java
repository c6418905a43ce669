package dev.desktopidentity.cache;

import java.util.List;

import com.microsoft.aad.msal4j.TokenCache;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What the token cache reaches by reflection, dynamic proxies and resources, for Spring
 * AOT and GraalVM native images: the entry maps of MSAL4J's {@link TokenCache} that
 * {@link TokenCacheContent} clears, and the libsecret and GLib bindings that JNA
 * implements as proxies of {@link LibSecret}, with the JNA native dispatch library it
 * loads from its jar.
 * <p>
 * JNA's own JNI metadata comes from the GraalVM reachability metadata repository.
 */
class CacheRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerType(TokenCache.class, (type) -> TokenCacheContent.ENTRY_MAP_FIELDS.forEach(type::withField));
		for (Class<?> library : List.of(LibSecret.class, LibSecret.GLib.class)) {
			hints.proxies().registerJdkProxy(library);
			hints.reflection().registerType(library, MemberCategory.INVOKE_PUBLIC_METHODS);
		}
		hints.resources().registerPattern("com/sun/jna/*/libjnidispatch.*");
	}

}
