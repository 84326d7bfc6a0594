#include "svgai-config.h"
#include "svgai-window-io.h"

#include <glib/gi18n.h>
#include "svgai-export.h"

/* The window's ways in and out: Open, Paste, Export, Export All, Copy. */

/* --- export --- */

static GFile *
source_folder (SvgaiDocument *doc)
{
  GFile *file = svgai_document_get_file (doc);

  return file ? g_file_get_parent (file) : NULL;
}

/* Where a save dialog opens: the folder last saved to, else the source's. */
static GFile *
export_folder (SvgaiWindow *self)
{
  g_autofree char *uri = g_settings_get_string (svgai_window_get_settings (self), "export-folder");

  if (uri[0] != '\0')
    {
      g_autoptr(GFile) folder = g_file_new_for_uri (uri);

      if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        return g_steal_pointer (&folder);
    }
  return svgai_window_get_current (self) ? source_folder (svgai_window_get_current (self)) : NULL;
}

gboolean
svgai_window_export_current (SvgaiWindow *self, GFile *dest, GError **error)
{
  GBytes *svg = svgai_window_get_current (self) ? svgai_document_get_svg (svgai_window_get_current (self)) : NULL;

  if (svg == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no SVG to save yet"));
      return FALSE;
    }
  return svgai_export_write (svg, dest, svgai_document_get_file (svgai_window_get_current (self)), error);
}

/* The file's etag now, or NULL when there is no such file. */
static char *
file_etag (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ETAG_VALUE, G_FILE_QUERY_INFO_NONE,
                                                 NULL, NULL);

  return info ? g_strdup (g_file_info_get_etag (info)) : NULL;
}

static void
remember_folder (SvgaiWindow *self, GFile *file_or_folder, gboolean is_folder)
{
  g_autoptr(GFile) folder = is_folder ? g_object_ref (file_or_folder) : g_file_get_parent (file_or_folder);
  g_autofree char *uri = folder ? g_file_get_uri (folder) : NULL;

  if (uri)
    g_settings_set_string (svgai_window_get_settings (self), "export-folder", uri);
}

/* Writes doc's SVG to dest in format (already agreed to), remembers where.
 * Only SVG saves become the target of the next Ctrl+S. */
static void
save_document_format (SvgaiWindow *self, SvgaiDocument *doc, GFile *dest, SvgaiFormat format, double png_scale)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (dest);
  GBytes *svg = svgai_document_get_svg (doc);

  if (svg != NULL && svgai_export_write_format (svg, dest, svgai_document_get_file (doc), format, png_scale, &error))
    {
      g_autofree char *message = NULL;
      g_autofree char *uri = g_file_get_uri (dest);

      if (format == SVGAI_FORMAT_EPS && svgai_svg_is_translucent (svg))
        message = g_strdup_printf (_("Saved “%s”: EPS has no transparency, so its translucent shapes are "
                                     "drawn as pixels"), name);
      else
        message = g_strdup_printf (_("Saved “%s”"), name);
      if (format == SVGAI_FORMAT_SVG)
        {
          g_autofree char *etag = file_etag (dest);

          svgai_document_set_saved (doc, dest, etag);
        }
      remember_folder (self, dest, FALSE);
      svgai_window_show_toast_with_action (self, message, _("Show in Folder"), "win.show-in-folder",
                                           g_variant_new_string (uri));
    }
  else
    svgai_window_show_toast (self, error ? error->message : _("There is no SVG to save yet"));
}

static void
save_document (SvgaiWindow *self, SvgaiDocument *doc, GFile *dest)
{
  save_document_format (self, doc, dest, SVGAI_FORMAT_SVG, 1);
}

static void
on_replace_response (AdwMessageDialog *dialog, const char *response, SvgaiWindow *self)
{
  SvgaiDocument *doc = g_object_get_data (G_OBJECT (dialog), "svgai-document");
  GFile *dest = g_object_get_data (G_OBJECT (dialog), "svgai-dest");

  if (g_str_equal (response, "replace"))
    save_document_format (self, doc, dest,
                          GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "svgai-format")),
                          GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "svgai-scale")));
}

/* Asks before writing over dest, naming it; then writes in format. */
static void
confirm_replace_format (SvgaiWindow *self, SvgaiDocument *doc, GFile *dest, SvgaiFormat format, int scale);

static void
confirm_replace (SvgaiWindow *self, SvgaiDocument *doc, GFile *dest)
{
  confirm_replace_format (self, doc, dest, SVGAI_FORMAT_SVG, 1);
}

static void
confirm_replace_format (SvgaiWindow *self, SvgaiDocument *doc, GFile *dest, SvgaiFormat format, int scale)
{
  g_autofree char *name = g_file_get_basename (dest);
  g_autoptr(GFile) parent = g_file_get_parent (dest);
  g_autofree char *folder = parent ? g_file_get_basename (parent) : g_strdup ("/");
  g_autofree char *heading = g_strdup_printf (_("Replace “%s”?"), name);
  g_autofree char *body = g_strdup_printf (_("“%s” in “%s” has changed since SVG-AI saved it. "
                                             "Replacing it overwrites its contents."), name, folder);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "svgai-document", g_object_ref (doc), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "svgai-dest", g_object_ref (dest), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "svgai-format", GINT_TO_POINTER (format));
  g_object_set_data (G_OBJECT (dialog), "svgai-scale", GINT_TO_POINTER (scale));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_replace_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
svgai_window_save_to (SvgaiWindow *self, GFile *dest, double png_scale)
{
  SvgaiDocument *doc = svgai_window_get_current (self);
  g_autofree char *name = g_file_get_basename (dest);

  /* The file chooser has asked about replacing an existing file itself. */
  if (doc != NULL)
    save_document_format (self, doc, dest, svgai_format_for_name (name), png_scale);
}

static void G_GNUC_UNUSED
export_to (SvgaiWindow *self, GFile *dest)
{
  svgai_window_save_to (self, dest, 1);
}

/* The names Export All gives the documents' SVGs in folder (NULL: nothing
 * to write yet), with policy applied to files already there; skipped gets
 * the names of the existing files left alone. */
static GPtrArray *
export_all_plan (SvgaiWindow *self, GFile *folder, SvgaiExisting policy, GPtrArray *skipped, guint *n_existing)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *docs = svgai_window_get_documents (self);
  GPtrArray *plan = g_ptr_array_new_with_free_func (g_free);

  *n_existing = 0;
  for (guint i = 0; i < g_list_model_get_n_items (docs); i++)
    {
      g_autoptr(SvgaiDocument) doc = g_list_model_get_item (docs, i);
      g_autofree char *base = svgai_document_get_export_name (doc);
      char *name = svgai_export_unique_name (used, base);
      g_autoptr(GFile) dest = g_file_get_child (folder, name);

      if (svgai_document_get_svg (doc) == NULL)
        {
          g_ptr_array_add (plan, NULL);
          g_free (name);
          continue;
        }
      if (g_file_query_exists (dest, NULL))
        {
          (*n_existing)++;
          if (policy == SVGAI_EXISTING_SKIP)
            {
              if (skipped)
                g_ptr_array_add (skipped, g_strdup (name));
              g_free (name);
              name = NULL;
            }
          else if (policy == SVGAI_EXISTING_RENAME)
            {
              g_autoptr(GFile) other = NULL;

              do
                {
                  g_free (name);
                  name = svgai_export_unique_name (used, base);
                  g_clear_object (&other);
                  other = g_file_get_child (folder, name);
                }
              while (g_file_query_exists (other, NULL));
            }
        }
      g_ptr_array_add (plan, name);
    }
  return plan;
}

guint
svgai_window_export_all (SvgaiWindow *self, GFile *folder, SvgaiExisting policy,
                         GPtrArray *skipped, GError **error)
{
  guint n_existing;
  g_autoptr(GPtrArray) plan = export_all_plan (self, folder, policy, skipped, &n_existing);
  guint written = 0;

  for (guint i = 0; i < plan->len; i++)
    {
      g_autoptr(SvgaiDocument) doc = g_list_model_get_item (svgai_window_get_documents (self), i);
      const char *name = g_ptr_array_index (plan, i);
      g_autoptr(GFile) dest = NULL;
      g_autoptr(GError) local = NULL;

      if (name == NULL)
        continue;
      dest = g_file_get_child (folder, name);
      if (!svgai_export_write (svgai_document_get_svg (doc), dest, svgai_document_get_file (doc), &local))
        {
          if (error && *error == NULL)
            g_propagate_error (error, g_steal_pointer (&local));
          continue;
        }
      written++;
    }
  return written;
}

static char *
append (char *message, char *more)
{
  char *both = g_strdup_printf ("%s; %s", message, more);

  g_free (message);
  g_free (more);
  return both;
}

static void
export_all_run (SvgaiWindow *self, GFile *folder, SvgaiExisting policy)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder_name = g_file_get_basename (folder);
  guint written = svgai_window_export_all (self, folder, policy, skipped, &error);
  g_autofree char *uri = g_file_get_uri (folder);
  GListModel *docs = svgai_window_get_documents (self);
  guint waiting = 0, failed = 0;
  char *message;

  if (error != NULL)
    {
      svgai_window_show_toast (self, error->message);
      return;
    }
  remember_folder (self, folder, TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (docs); i++)
    {
      g_autoptr(SvgaiDocument) doc = g_list_model_get_item (docs, i);

      if (svgai_document_get_svg (doc) != NULL)
        continue;
      if (svgai_document_get_state (doc) == SVGAI_DOCUMENT_FAILED)
        failed++;
      else
        waiting++;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u SVG to “%s”",
                                          "Exported %u SVGs to “%s”", written), written, folder_name);
  /* Say what is missing and why rather than leave the user to count. */
  if (skipped->len > 0)
    {
      g_ptr_array_add (skipped, NULL);
      g_autofree char *names = g_strjoinv (", ", (char **) skipped->pdata);
      message = append (message, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "skipped %u existing file: %s",
                                                               "skipped %u existing files: %s", skipped->len - 1),
                                                  skipped->len - 1, names));
    }
  if (waiting > 0)
    message = append (message, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u image is still converting",
                                                             "%u images are still converting", waiting), waiting));
  if (failed > 0)
    message = append (message, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u image could not be converted",
                                                             "%u images could not be converted", failed), failed));
  svgai_window_show_toast_with_action (self, message, _("Open Folder"), "win.open-folder",
                                       g_variant_new_string (uri));
  g_free (message);
}

static void
on_existing_response (AdwMessageDialog *dialog, const char *response, SvgaiWindow *self)
{
  GFile *folder = g_object_get_data (G_OBJECT (dialog), "svgai-folder");

  if (g_str_equal (response, "replace"))
    export_all_run (self, folder, SVGAI_EXISTING_REPLACE);
  else if (g_str_equal (response, "skip"))
    export_all_run (self, folder, SVGAI_EXISTING_SKIP);
  else if (g_str_equal (response, "rename"))
    export_all_run (self, folder, SVGAI_EXISTING_RENAME);
}

/* Export All into folder: asks once what to do when files are there. */
void
svgai_window_export_all_to (SvgaiWindow *self, GFile *folder)
{
  guint n_existing;
  g_autoptr(GPtrArray) existing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) plan = export_all_plan (self, folder, SVGAI_EXISTING_SKIP, existing, &n_existing);
  g_autofree char *folder_name = g_file_get_basename (folder);
  g_autofree char *heading = NULL;
  g_autofree char *names = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (n_existing == 0)
    {
      export_all_run (self, folder, SVGAI_EXISTING_REPLACE);
      return;
    }
  g_ptr_array_add (existing, NULL);
  names = g_strjoinv (", ", (char **) existing->pdata);
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u File Already Exists", "%u Files Already Exist",
                                          n_existing), n_existing);
  body = g_strdup_printf (_("In “%s”: %s. Replace them, skip them, or save the new SVGs under other names?"),
                          folder_name, names);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "skip", _("_Skip"), "rename", _("_Keep Both"),
                                    "replace", _("_Replace All"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "skip");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "svgai-folder", g_object_ref (folder), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_existing_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_all_to (SvgaiWindow *self, GFile *folder)
{
  svgai_window_export_all_to (self, folder);
}

/* The save dialog's format choice: its id, format, extension and scale. */
static const struct {
  const char *id;
  SvgaiFormat format;
  const char *ext;
  int scale;
} export_choices[] = {
  { "svg", SVGAI_FORMAT_SVG, ".svg", 1 },
  { "pdf", SVGAI_FORMAT_PDF, ".pdf", 1 },
  { "eps", SVGAI_FORMAT_EPS, ".eps", 1 },
  { "png1", SVGAI_FORMAT_PNG, ".png", 1 },
  { "png2", SVGAI_FORMAT_PNG, ".png", 2 },
  { "png4", SVGAI_FORMAT_PNG, ".png", 4 },
};

static void G_GNUC_UNUSED
add_format_choice (GtkFileChooser *chooser)
{
  const char *ids[G_N_ELEMENTS (export_choices) + 1];
  const char *labels[] = {
    _("SVG"), _("PDF"), _("EPS (no transparency)"),
    _("PNG at the source size"), _("PNG at twice the size"), _("PNG at four times the size"), NULL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (export_choices); i++)
    ids[i] = export_choices[i].id;
  ids[G_N_ELEMENTS (export_choices)] = NULL;
  gtk_file_chooser_add_choice (chooser, "format", _("Format"), ids, labels);
  gtk_file_chooser_set_choice (chooser, "format", "svg");
}

/* Writes the file chosen in the format chosen; the name takes the format's
 * extension, and a file of that name already there is not replaced unasked
 * (the chooser asked about the name as typed). */
static void G_GNUC_UNUSED
export_chosen (SvgaiWindow *self, GtkFileChooser *chooser, GFile *file)
{
  const char *id = gtk_file_chooser_get_choice (chooser, "format");
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFile) dest = NULL;
  SvgaiDocument *doc = svgai_window_get_current (self);
  guint c = 0;

  for (guint i = 0; id && i < G_N_ELEMENTS (export_choices); i++)
    if (g_str_equal (id, export_choices[i].id))
      c = i;
  if (doc == NULL)
    return;
  /* Left at SVG, a typed .pdf, .eps or .png still says what the user wants. */
  if (c == 0 && svgai_format_for_name (name) != SVGAI_FORMAT_SVG)
    {
      save_document_format (self, doc, file, svgai_format_for_name (name), 1);
      return;
    }
  if (!g_str_has_suffix (name, export_choices[c].ext))
    {
      const char *dot = strrchr (name, '.');
      g_autofree char *stem = dot ? g_strndup (name, dot - name) : g_strdup (name);
      g_autofree char *other = g_strconcat (stem, export_choices[c].ext, NULL);

      dest = g_file_get_child (parent, other);
      if (g_file_query_exists (dest, NULL))
        {
          confirm_replace_format (self, doc, dest, export_choices[c].format, export_choices[c].scale);
          return;
        }
    }
  else
    dest = g_object_ref (file);
  save_document_format (self, doc, dest, export_choices[c].format, export_choices[c].scale);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
save_dialog_done (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr(SvgaiWindow) self = data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), res, NULL);

  if (file)
    export_to (self, file);
}

static void
folder_dialog_done (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr(SvgaiWindow) self = data;
  g_autoptr(GFile) folder = gtk_file_dialog_select_folder_finish (GTK_FILE_DIALOG (source), res, NULL);

  if (folder)
    export_all_to (self, folder);
}
#else
static void
save_native_done (GtkNativeDialog *dialog, int response, SvgaiWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      gboolean all = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "svgai-all"));

      if (all)
        export_all_to (self, file);
      else
        export_chosen (self, GTK_FILE_CHOOSER (dialog), file);
    }
  g_object_unref (dialog);
}
#endif

static void
ask_export_path (SvgaiWindow *self, gboolean all)
{
  g_autofree char *name = svgai_window_get_current (self) && !all ? svgai_document_get_export_name (svgai_window_get_current (self)) : NULL;
  g_autoptr(GFile) folder = export_folder (self);
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, all ? _("Export All to Folder") : _("Export SVG"));
  if (folder)
    gtk_file_dialog_set_initial_folder (dialog, folder);
  if (all)
    gtk_file_dialog_select_folder (dialog, GTK_WINDOW (self), NULL, folder_dialog_done, g_object_ref (self));
  else
    {
      gtk_file_dialog_set_initial_name (dialog, name);
      gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, save_dialog_done, g_object_ref (self));
    }
#else
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (all ? _("Export All to Folder") : _("Export SVG"),
                                        GTK_WINDOW (self),
                                        all ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_SAVE,
                                        all ? _("_Export") : _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  if (folder)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  if (name)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  if (!all)
    add_format_choice (GTK_FILE_CHOOSER (dialog));
  g_object_set_data (G_OBJECT (dialog), "svgai-all", GINT_TO_POINTER (all));
  g_signal_connect (dialog, "response", G_CALLBACK (save_native_done), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
#endif
}

void
svgai_window_save (SvgaiWindow *self)
{
  SvgaiDocument *doc = svgai_window_get_current (self);
  GFile *saved;
  g_autofree char *etag = NULL;

  if (doc == NULL || svgai_document_get_svg (doc) == NULL)
    return;
  saved = svgai_document_get_saved_file (doc);
  if (saved == NULL)
    {
      /* The first save asks where. */
      ask_export_path (self, FALSE);
      return;
    }
  /* Again: the same file, unless someone else has written to it since. */
  etag = file_etag (saved);
  if (etag != NULL && g_strcmp0 (etag, svgai_document_get_saved_etag (doc)) != 0)
    confirm_replace (self, doc, saved);
  else
    save_document (self, doc, saved);
}

static void
action_export (GtkWidget *widget, const char *action_name, GVariant *param)
{
  svgai_window_save (SVGAI_WINDOW (widget));
}

static void
action_export_as (GtkWidget *widget, const char *action_name, GVariant *param)
{
  SvgaiWindow *self = SVGAI_WINDOW (widget);

  if (svgai_window_get_current (self) && svgai_document_get_svg (svgai_window_get_current (self)))
    ask_export_path (self, FALSE);
}

static void
action_export_all (GtkWidget *widget, const char *action_name, GVariant *param)
{
  ask_export_path (SVGAI_WINDOW (widget), TRUE);
}

void
svgai_window_copy_svg (SvgaiWindow *self)
{
  GBytes *svg = svgai_window_get_current (self) ? svgai_document_get_svg (svgai_window_get_current (self)) : NULL;
  g_autofree char *name = NULL;
  g_autoptr(GdkContentProvider) provider = NULL;

  if (svg == NULL)
    return;
  name = svgai_document_get_export_name (svgai_window_get_current (self));
  provider = svgai_export_content_provider (svg, name, FALSE);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);
  svgai_window_show_toast (self, _("SVG copied"));
}

static void
action_copy (GtkWidget *widget, const char *action_name, GVariant *param)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));

  /* Text selected in a field keeps its own Ctrl+C; otherwise the SVG. */
  if (focus && GTK_IS_TEXT (focus) && gtk_editable_get_selection_bounds (GTK_EDITABLE (focus), NULL, NULL))
    {
      gtk_widget_activate_action (focus, "clipboard.copy", NULL);
      return;
    }
  svgai_window_copy_svg (SVGAI_WINDOW (widget));
}

/* --- open and paste --- */

#if GTK_CHECK_VERSION (4, 10, 0)
static void
open_dialog_done (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr(SvgaiWindow) self = data;
  g_autoptr(GListModel) files = gtk_file_dialog_open_multiple_finish (GTK_FILE_DIALOG (source), res, NULL);
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  if (files == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (array, g_list_model_get_item (files, i));
  svgai_window_open_files (self, (GFile **) array->pdata, array->len);
}
#else
static void
open_native_done (GtkNativeDialog *dialog, int response, SvgaiWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      svgai_window_open_files (self, (GFile **) array->pdata, array->len);
    }
  g_object_unref (dialog);
}
#endif

static void
action_open (GtkWidget *widget, const char *action_name, GVariant *param)
{
  SvgaiWindow *self = SVGAI_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);
#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
    g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

    g_list_store_append (filters, filter);
    gtk_file_dialog_set_title (dialog, _("Open Images"));
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    gtk_file_dialog_open_multiple (dialog, GTK_WINDOW (self), NULL, open_dialog_done, g_object_ref (self));
  }
#else
  {
    GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Open Images"), GTK_WINDOW (self),
                                                                GTK_FILE_CHOOSER_ACTION_OPEN,
                                                                _("_Open"), _("_Cancel"));

    gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
    g_signal_connect (dialog, "response", G_CALLBACK (open_native_done), self);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
  }
#endif
}

static void
paste_files_done (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr(SvgaiWindow) self = data;
  g_autoptr(GError) error = NULL;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), res, &error);

  if (value == NULL || !svgai_window_drop_value (self, value))
    svgai_window_show_toast (self, _("Could not paste: the clipboard holds no image"));
}

static void
paste_texture_done (GObject *source, GAsyncResult *res, gpointer data)
{
  g_autoptr(SvgaiWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), res, &error);

  if (texture == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not paste the image: %s"), error->message);
      svgai_window_show_toast (self, message);
      return;
    }
  svgai_window_open_texture (self, texture);
}

static void
action_paste (GtkWidget *widget, const char *action_name, GVariant *param)
{
  SvgaiWindow *self = SVGAI_WINDOW (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));

  /* A field takes text; an image or a file opens whatever has focus. */
  if (focus && GTK_IS_TEXT (focus) && gdk_content_formats_contain_gtype (formats, G_TYPE_STRING) &&
      !gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST) &&
      !gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    {
      gtk_widget_activate_action (focus, "clipboard.paste", NULL);
      return;
    }
  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT, NULL,
                                    paste_files_done, g_object_ref (self));
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    gdk_clipboard_read_texture_async (clipboard, NULL, paste_texture_done, g_object_ref (self));
  else
    svgai_window_show_toast (self, _("Could not paste: the clipboard holds no image"));
}

/* win.show-in-folder (file URI) and win.open-folder (folder URI): from the
 * export toasts. */
static void
action_folder (GtkWidget *widget, const char *action_name, GVariant *param)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));
  gboolean containing = g_str_equal (action_name, "win.show-in-folder");
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

  if (containing)
    gtk_file_launcher_open_containing_folder (launcher, GTK_WINDOW (widget), NULL, NULL, NULL);
  else
    gtk_file_launcher_launch (launcher, GTK_WINDOW (widget), NULL, NULL, NULL);
#else
  g_autoptr(GFile) folder = containing ? g_file_get_parent (file) : g_object_ref (file);
  g_autofree char *uri = g_file_get_uri (folder);

  gtk_show_uri (GTK_WINDOW (widget), uri, GDK_CURRENT_TIME);
#endif
}

void
svgai_window_io_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-in-folder", "s", action_folder);
  gtk_widget_class_install_action (widget_class, "win.open-folder", "s", action_folder);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, action_open);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, action_paste);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, action_export);
  gtk_widget_class_install_action (widget_class, "win.export-as", NULL, action_export_as);
  gtk_widget_class_install_action (widget_class, "win.export-all", NULL, action_export_all);
  gtk_widget_class_install_action (widget_class, "win.copy", NULL, action_copy);
}
