/* test-cli-contacts.c — lifeline --import / --export, end to end, as subprocesses
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lf-test-utils.h"

typedef enum
{
  KEYRING_FILE,
  KEYRING_NONE,
} Keyring;

static char *keyring_path;

/* No display and no session bus: the command line must not need them. */
static int
run (Keyring             keyring,
     const char * const *args,
     char              **out,
     char              **err)
{
  LfTestRun how = { .keyring = keyring == KEYRING_FILE ? keyring_path : NULL };

  return lf_test_run_lifeline (&how, args, out, err);
}

static char *
home_path (const char *name)
{
  return g_build_filename (g_get_home_dir (), name, NULL);
}

static void
test_cli_import_export (void)
{
  g_autofree char *vcf = lf_test_build_data_path ("contacts/google.vcf");
  g_autofree char *csv = lf_test_build_data_path ("contacts/malformed.csv");
  g_autofree char *json = home_path ("backup.json");
  g_autofree char *vcf_out = home_path ("backup.vcf");
  g_autofree char *csv_out = home_path ("backup.csv");
  const char *import_vcf[] = { "--import", vcf, NULL };
  const char *import_csv[] = { "--import", csv, NULL };
  const char *export_json[] = { "--export", json, NULL };
  const char *export_vcf[] = { "--export", vcf_out, "--include-secrets", NULL };
  const char *export_csv[] = { "--export", csv_out, NULL };
  const char *import_json[] = { "--import", json, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  GStatBuf buf;

  g_assert_cmpint (run (KEYRING_FILE, import_vcf, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "2 clients to add"));
  g_assert_nonnull (strstr (out, "0 entries skipped"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Skipped rows are listed with their reasons. */
  g_assert_cmpint (run (KEYRING_FILE, import_csv, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "2 clients to add"));
  g_assert_nonnull (strstr (out, "row 3: no name or e-mail"));
  g_assert_nonnull (strstr (out, "row 4: Phone: “call me maybe” is not a phone number"));
  g_assert_nonnull (strstr (out, "a quoted field is not closed"));
  /* In file order. */
  g_assert_true (strstr (out, "row 3:") < strstr (out, "row 4:"));
  g_assert_true (strstr (out, "row 4:") < strstr (out, "row 5:"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (KEYRING_FILE, export_json, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Exported 4 clients"));
  g_assert_nonnull (strstr (err, "plain form"));
  g_assert_cmpint (g_stat (json, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  g_file_get_contents (json, &contents, NULL, NULL);
  g_assert_nonnull (strstr (contents, "\"format\" : \"lifeline-bundle\""));
  g_assert_nonnull (strstr (contents, "Ada Lovelace"));
  g_assert_nonnull (strstr (contents, "Grace Hopper"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&contents, g_free);

  g_assert_cmpint (run (KEYRING_FILE, export_vcf, &out, &err), ==, 0);
  g_file_get_contents (vcf_out, &contents, NULL, NULL);
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCARD\r\nVERSION:4.0\r\n"));
  g_assert_cmpint (g_stat (vcf_out, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&contents, g_free);

  g_assert_cmpint (run (KEYRING_FILE, export_csv, &out, &err), ==, 0);
  g_file_get_contents (csv_out, &contents, NULL, NULL);
  g_assert_true (g_str_has_prefix (contents, "id,name,company,role,emails,phones"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Importing our own export again: everything is already there. */
  g_assert_cmpint (run (KEYRING_FILE, import_json, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "0 clients to add"));
  g_assert_nonnull (strstr (out, "4 clients already up to date"));
}

static void
test_cli_errors (void)
{
  g_autofree char *vcf = lf_test_build_data_path ("contacts/google.vcf");
  g_autofree char *missing = home_path ("missing.vcf");
  g_autofree char *txt = home_path ("export.txt");
  g_autofree char *out_json = home_path ("nokeyring.json");
  g_autofree char *bad = home_path ("bad.json");
  const char *import_missing[] = { "--import", missing, NULL };
  const char *export_txt[] = { "--export", txt, NULL };
  const char *import_bad[] = { "--import", bad, NULL };
  const char *import_nokeyring[] = { "--import", vcf, NULL };
  const char *export_nokeyring[] = { "--export", out_json, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (KEYRING_FILE, import_missing, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Cannot read"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (KEYRING_FILE, export_txt, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, ".json"));
  g_assert_false (g_file_test (txt, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_file_set_contents (bad, "{\"format\":\"lifeline-bundle\",\"version\":7}", -1, NULL);
  g_assert_cmpint (run (KEYRING_FILE, import_bad, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "version 7"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* No keyring at all (no session bus, no file backend): a clear error, nothing written. */
  g_assert_cmpint (run (KEYRING_NONE, import_nokeyring, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Install and start a keyring"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (KEYRING_NONE, export_nokeyring, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Install and start a keyring"));
  g_assert_false (g_file_test (out_json, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  lf_test_init (&argc, &argv);

  keyring_path = g_build_filename (g_get_home_dir (), "keyrings", "default.keyring", NULL);

  g_test_add_func ("/lifeline/cli-contacts/import-export", test_cli_import_export);
  g_test_add_func ("/lifeline/cli-contacts/errors", test_cli_errors);

  return g_test_run ();
}
