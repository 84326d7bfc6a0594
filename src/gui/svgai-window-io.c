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

static void
export_to (SvgaiWindow *self, GFile *dest)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (dest);

  if (svgai_window_export_current (self, dest, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);
      g_autofree char *uri = g_file_get_uri (dest);

      svgai_window_show_toast_with_action (self, message, _("Show in Folder"), "win.show-in-folder",
                                           g_variant_new_string (uri));
    }
  else
    svgai_window_show_toast (self, error->message);
}

guint
svgai_window_export_all (SvgaiWindow *self, GFile *folder, GError **error)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (svgai_window_get_documents (self));
  guint written = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SvgaiDocument) doc = g_list_model_get_item (svgai_window_get_documents (self), i);
      GBytes *svg = svgai_document_get_svg (doc);
      g_autofree char *base = NULL;
      g_autofree char *name = NULL;
      g_autoptr(GFile) dest = NULL;
      g_autoptr(GError) local = NULL;

      if (svg == NULL)
        continue;
      base = svgai_document_get_export_name (doc);
      name = svgai_export_unique_name (used, base);
      dest = g_file_get_child (folder, name);
      if (!svgai_export_write (svg, dest, svgai_document_get_file (doc), &local))
        {
          if (error && *error == NULL)
            g_propagate_error (error, g_steal_pointer (&local));
          continue;
        }
      written++;
    }
  return written;
}

static void
export_all_to (SvgaiWindow *self, GFile *folder)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder_name = g_file_get_basename (folder);
  guint written = svgai_window_export_all (self, folder, &error);

  if (error != NULL)
    svgai_window_show_toast (self, error->message);
  else
    {
      g_autofree char *message = NULL;
      guint waiting = 0;

      for (guint i = 0; i < g_list_model_get_n_items (svgai_window_get_documents (self)); i++)
        {
          g_autoptr(SvgaiDocument) doc = g_list_model_get_item (svgai_window_get_documents (self), i);

          waiting += svgai_document_get_svg (doc) == NULL && svgai_document_is_busy (doc);
        }
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u SVG to “%s”",
                                              "Exported %u SVGs to “%s”", written),
                                 written, folder_name);
      if (waiting > 0)
        {
          /* Say what is missing rather than leave the user to count. */
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %u image is still converting",
                                                                "%s; %u images are still converting", waiting),
                                                   message, waiting);
          g_free (message);
          message = g_steal_pointer (&more);
        }
      g_autofree char *uri = g_file_get_uri (folder);

      svgai_window_show_toast_with_action (self, message, _("Open Folder"), "win.open-folder",
                                           g_variant_new_string (uri));
    }
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
        export_to (self, file);
    }
  g_object_unref (dialog);
}
#endif

static void
ask_export_path (SvgaiWindow *self, gboolean all)
{
  g_autofree char *name = svgai_window_get_current (self) && !all ? svgai_document_get_export_name (svgai_window_get_current (self)) : NULL;
  g_autoptr(GFile) folder = svgai_window_get_current (self) ? source_folder (svgai_window_get_current (self)) : NULL;
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
  g_object_set_data (G_OBJECT (dialog), "svgai-all", GINT_TO_POINTER (all));
  g_signal_connect (dialog, "response", G_CALLBACK (save_native_done), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
#endif
}

static void
action_export (GtkWidget *widget, const char *action_name, GVariant *param)
{
  SvgaiWindow *self = SVGAI_WINDOW (widget);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) dest = NULL;

  if (svgai_window_get_current (self) == NULL || svgai_document_get_svg (svgai_window_get_current (self)) == NULL)
    return;
  folder = source_folder (svgai_window_get_current (self));
  if (folder == NULL || g_file_peek_path (folder) == NULL)
    {
      /* A pasted image has no folder: ask. */
      ask_export_path (self, FALSE);
      return;
    }
  name = svgai_document_get_export_name (svgai_window_get_current (self));
  dest = g_file_get_child (folder, name);
  if (g_file_equal (dest, svgai_document_get_file (svgai_window_get_current (self))))
    {
      /* The source is itself an .svg: never write over it. */
      const char *dot = strrchr (name, '.');
      g_autofree char *stem = g_strndup (name, dot - name);
      g_autofree char *other = g_strconcat (stem, "-traced.svg", NULL);

      g_clear_object (&dest);
      dest = g_file_get_child (folder, other);
    }
  export_to (self, dest);
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

  /* Text being edited keeps its own Ctrl+C. */
  if (focus && GTK_IS_TEXT (focus))
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

  if (focus && GTK_IS_TEXT (focus))
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
