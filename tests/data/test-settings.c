/* test-settings.c — the compiled org.quorum.Quorum schema, as the GUI will
 * see it: every key it relies on, with the defaults and ranges the product
 * promises. Runs against the build dir's gschemas.compiled, like every test
 * that uses GSettings (GSETTINGS_SCHEMA_DIR=schemas_builddir). */

#include <gio/gio.h>

static GSettingsSchema *
lookup_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  g_assert_nonnull (source);
  return g_settings_schema_source_lookup (source, "org.quorum.Quorum", FALSE);
}

static void
test_schema_keys (void)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();
  const struct { const char *name; const char *type; } keys[] = {
    { "window-width", "i" }, { "window-height", "i" },
    { "window-maximized", "b" }, { "view", "s" }, { "server-url", "s" },
    { "sync-interval", "u" }, { "show-cancelled", "b" },
    { "first-weekday", "i" }, { "ca-file", "s" },
  };

  g_assert_nonnull (schema);
  g_assert_cmpstr (g_settings_schema_get_path (schema), ==, "/org/quorum/Quorum/");
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GSettingsSchemaKey) key = NULL;

      g_assert_true (g_settings_schema_has_key (schema, keys[i].name));
      key = g_settings_schema_get_key (schema, keys[i].name);
      g_assert_cmpstr (g_variant_type_peek_string (g_settings_schema_key_get_value_type (key)),
                       ==, keys[i].type);
    }
}

static void
test_defaults (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.quorum.Quorum");
  g_autofree char *view = g_settings_get_string (settings, "view");
  g_autofree char *server = g_settings_get_string (settings, "server-url");
  g_autofree char *ca = g_settings_get_string (settings, "ca-file");

  g_assert_cmpstr (view, ==, "agenda");
  g_assert_cmpstr (server, ==, "");
  g_assert_cmpstr (ca, ==, "");
  g_assert_cmpuint (g_settings_get_uint (settings, "sync-interval"), ==, 5);
  g_assert_false (g_settings_get_boolean (settings, "show-cancelled"));
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_cmpint (g_settings_get_int (settings, "first-weekday"), ==, -1);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), >, 0);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), >, 0);
}

static void
test_ranges (void)
{
  g_autoptr(GSettingsSchema) schema = lookup_schema ();
  const struct { const char *key; GVariant *value; gboolean ok; } cases[] = {
    { "sync-interval", g_variant_new_uint32 (0), FALSE },
    { "sync-interval", g_variant_new_uint32 (1), TRUE },
    { "sync-interval", g_variant_new_uint32 (1440), TRUE },
    { "sync-interval", g_variant_new_uint32 (1441), FALSE },
    { "first-weekday", g_variant_new_int32 (-2), FALSE },
    { "first-weekday", g_variant_new_int32 (-1), TRUE },
    { "first-weekday", g_variant_new_int32 (6), TRUE },
    { "first-weekday", g_variant_new_int32 (7), FALSE },
    { "view", g_variant_new_string ("agenda"), TRUE },
    { "view", g_variant_new_string ("week"), TRUE },
    { "view", g_variant_new_string ("rooms"), TRUE },
    { "view", g_variant_new_string ("month"), FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, cases[i].key);
      g_autoptr(GVariant) value = g_variant_ref_sink (cases[i].value);

      g_assert_cmpint (g_settings_schema_key_range_check (key, value), ==, cases[i].ok);
    }
}

static void
test_round_trip (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.quorum.Quorum");
  g_autofree char *view = NULL;

  /* The memory backend keeps writes for this process only. */
  g_assert_true (g_settings_set_string (settings, "view", "rooms"));
  view = g_settings_get_string (settings, "view");
  g_assert_cmpstr (view, ==, "rooms");
  g_assert_true (g_settings_set_uint (settings, "sync-interval", 30));
  g_assert_cmpuint (g_settings_get_uint (settings, "sync-interval"), ==, 30);
  g_settings_reset (settings, "view");
  g_clear_pointer (&view, g_free);
  view = g_settings_get_string (settings, "view");
  g_assert_cmpstr (view, ==, "agenda");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/settings/schema/keys", test_schema_keys);
  g_test_add_func ("/settings/schema/defaults", test_defaults);
  g_test_add_func ("/settings/schema/ranges", test_ranges);
  g_test_add_func ("/settings/schema/round-trip", test_round_trip);

  return g_test_run ();
}
