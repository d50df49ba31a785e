/* fuzz-driver.c — runs a fuzz target without libFuzzer: over its committed corpus, then on
 * random mutations of it for a few seconds. The normal suite's regression test.
 *
 * Copyright 2026 The Lifeline authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: fuzz-TARGET CORPUS_DIR [SECONDS]
 * LF_FUZZ_SEED=N replays a run (each run prints its seed); SECONDS defaults to 2.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "fuzz-common.h"

/* Bytes the parsers care about, to splice in. */
static const char *tokens[] = {
  "{", "}", "[", "]", "\"", "'", ",", ":", "\\", "\\u", "\\ud800", "/*", "*/", "#", "\n",
  "\r\n", " ", "\t", "0", "-1", "1e999", "true", "null", "\xff", "\xc3", "\xe2\x80\x9c",
  "BEGIN:VCARD\n", "END:VCARD\n", ";", "=", "=\r\n ", "QUOTED-PRINTABLE", "CHARSET=",
  "<drill", "</drill>", "<phase", "&amp;", "]]>", "\"format\":\"lifeline-bundle\"",
  "\"version\":1", "[[[[[[[[[[[[[[[[", "\0",
};

static void
insert_bytes (GByteArray   *array,
              guint         at,
              const guint8 *data,
              guint         length)
{
  guint old = array->len;

  g_byte_array_set_size (array, old + length);
  memmove (array->data + at + length, array->data + at, old - at);
  memcpy (array->data + at, data, length);
}

static GByteArray *
mutate (GRand      *rand,
        GPtrArray  *corpus)
{
  GBytes *seed = corpus->pdata[g_rand_int_range (rand, 0, corpus->len)];
  GByteArray *out = g_byte_array_new ();
  guint n_ops = g_rand_int_range (rand, 1, 9);

  g_byte_array_append (out, g_bytes_get_data (seed, NULL), g_bytes_get_size (seed));

  for (guint op = 0; op < n_ops; op++)
    {
      guint at = out->len > 0 ? g_rand_int_range (rand, 0, out->len + 1) : 0;

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:   /* flip a byte */
          if (at < out->len)
            out->data[at] ^= 1 << g_rand_int_range (rand, 0, 8);
          break;
        case 1:   /* splice a token */
          {
            const char *token = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];
            gsize len = token[0] == '\0' ? 1 : strlen (token);

            insert_bytes (out, at, (const guint8 *) token, len);
          }
          break;
        case 2:   /* delete a range */
          if (at < out->len)
            g_byte_array_remove_range (out, at,
                                       g_rand_int_range (rand, 1, MIN (out->len - at, 64) + 1));
          break;
        case 3:   /* repeat a range */
          if (at < out->len && out->len < 1024 * 1024)
            {
              guint len = g_rand_int_range (rand, 1, MIN (out->len - at, 32) + 1);
              g_autofree guint8 *copy = g_memdup2 (out->data + at, len);
              guint times = g_rand_int_range (rand, 1, 200);

              for (guint i = 0; i < times; i++)
                insert_bytes (out, at, copy, len);
            }
          break;
        case 4:   /* truncate */
          g_byte_array_set_size (out, at);
          break;
        default:  /* a random byte */
          {
            guint8 byte = g_rand_int_range (rand, 0, 256);

            insert_bytes (out, at, &byte, 1);
          }
          break;
        }
    }

  return out;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) corpus = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  const char *name;
  double seconds = argc > 2 ? g_ascii_strtod (argv[2], NULL) : 2.0;
  guint32 seed = g_getenv ("LF_FUZZ_SEED") ? (guint32) atol (g_getenv ("LF_FUZZ_SEED"))
                                           : (guint32) g_get_real_time ();
  gint64 deadline;
  guint runs = 0;

  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s CORPUS_DIR [SECONDS]\n", argv[0]);
      return 2;
    }
  if (g_getenv ("LF_FUZZ_SECONDS") != NULL)
    seconds = g_ascii_strtod (g_getenv ("LF_FUZZ_SECONDS"), NULL);

  dir = g_dir_open (argv[1], 0, &error);
  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (argv[1], name, NULL);
      char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      g_ptr_array_add (corpus, g_bytes_new_take (contents, length));
      LLVMFuzzerTestOneInput ((const uint8_t *) g_bytes_get_data (corpus->pdata[corpus->len - 1],
                                                                  NULL), length);
      runs++;
    }
  if (corpus->len == 0)
    {
      fprintf (stderr, "No corpus in %s\n", argv[1]);
      return 2;
    }

  printf ("%s: %u corpus files; mutating for %.1f s with LF_FUZZ_SEED=%u\n", argv[0],
          corpus->len, seconds, seed);
  fflush (stdout);
  rand = g_rand_new_with_seed (seed);
  deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GByteArray) input = mutate (rand, corpus);

      LLVMFuzzerTestOneInput (input->data, input->len);
      runs++;
    }

  printf ("%u runs, no crash\n", runs);
  return 0;
}
