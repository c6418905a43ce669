package dev.desktopidentity.cache;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.aad.msal4j.TokenCache;
import com.sun.jna.Library;
import com.sun.jna.NativeMapped;
import com.sun.jna.ptr.PointerByReference;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CacheRuntimeHints}: what the token cache reaches by reflection and
 * proxies is registered for AOT and native images, and stays true to MSAL4J and to the
 * cache's own JNA bindings.
 */
class CacheRuntimeHintsTests {

	private final RuntimeHints hints = registeredHints();

	@Test
	void registrarIsFoundThroughAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(CacheRuntimeHints.class);
	}

	@Test
	void hintsWhenRegisteredThenTokenCacheEntryMapsAreAccessibleByReflection() {
		assertThat(TokenCacheContent.ENTRY_MAP_FIELDS).isNotEmpty()
			.allSatisfy((name) -> assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(TokenCache.class, name))
				.accepts(this.hints));
	}

	@Test
	void entryMapsThatAreClearedAreMapFieldsOfMsalTokenCache() throws Exception {
		for (String name : TokenCacheContent.ENTRY_MAP_FIELDS) {
			Field field = TokenCache.class.getDeclaredField(name);
			assertThat(field.getType()).as(name).isAssignableTo(Map.class);
		}
	}

	@Test
	void hintsWhenRegisteredThenEveryJnaLibraryOfTheCacheCanBeProxied() {
		assertThat(jnaLibraries()).contains(LibSecret.class, LibSecret.GLib.class)
			.allSatisfy((library) -> assertThat(RuntimeHintsPredicates.proxies().forInterfaces(library))
				.as(library.getName())
				.accepts(this.hints))
			.allSatisfy((library) -> assertThat(RuntimeHintsPredicates.reflection().onType(library)
				.withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS))
				.as(library.getName())
				.accepts(this.hints));
	}

	@Test
	void hintsWhenRegisteredThenEveryNativeMappedTypeOfTheBindingsCanBeCreated() throws Exception {
		List<Class<?>> created = new ArrayList<>();
		for (Class<?> library : jnaLibraries()) {
			for (Method method : library.getMethods()) {
				List<Class<?>> types = new ArrayList<>(List.of(method.getParameterTypes()));
				types.add(method.getReturnType());
				for (Class<?> type : types) {
					if (NativeMapped.class.isAssignableFrom(type)) {
						// JNA takes the default value of such a type from a new instance
						assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(type.getConstructor()))
							.as(method.toGenericString())
							.accepts(this.hints);
						created.add(type);
					}
				}
			}
		}
		assertThat(created).contains(PointerByReference.class);
	}

	@Test
	void hintsWhenRegisteredThenJnaNativeLibraryIsIncluded() {
		assertThat(RuntimeHintsPredicates.resource().forResource("com/sun/jna/linux-x86-64/libjnidispatch.so"))
			.accepts(this.hints);
		assertThat(getClass().getClassLoader().getResource("com/sun/jna/linux-x86-64/libjnidispatch.so")).isNotNull();
	}

	@Test
	void hintsWhenJnaIsMissingThenRegistersTheTokenCacheAlone() {
		RuntimeHints withoutJna = new RuntimeHints();
		new CacheRuntimeHints().registerHints(withoutJna, new FilteredClassLoader("com.sun.jna"));
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(TokenCache.class, "accessTokens"))
			.accepts(withoutJna);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(LibSecret.class)).rejects(withoutJna);
		assertThat(withoutJna.resources().resourcePatternHints()).isEmpty();
	}

	private List<Class<?>> jnaLibraries() {
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(getClass().getPackageName())
			.stream()
			.filter((type) -> type.isInterface() && type.isAssignableTo(Library.class))
			.<Class<?>>map(JavaClass::reflect)
			.toList();
	}

	private static RuntimeHints registeredHints() {
		RuntimeHints hints = new RuntimeHints();
		new CacheRuntimeHints().registerHints(hints, CacheRuntimeHintsTests.class.getClassLoader());
		return hints;
	}

}
