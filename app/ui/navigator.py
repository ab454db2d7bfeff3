"""Navigator mode in the sidebar: the mode switch and the learners of the workspace."""

from __future__ import annotations

import math

import streamlit as st

from app.ui import records, workspace

MODE_HELP = (
    "For career navigators: keep several learners side by side, each with their own records, "
    "conversation and notes; export a learner; download an advising summary."
)
IMPORT_ERROR_KEY = "workspace_import_error"  # (message, hint) of the last failed import
# An export holds the learner's files in base64 (a third larger) next to the conversation.
IMPORT_SIZE_FACTOR = 4


def navigator_mode() -> bool:
    """True when the sidebar switch is on navigator mode."""
    return bool(st.session_state.get(workspace.MODE_KEY, False))


def render_mode_switch() -> bool:
    """The learner / navigator mode switch; returns True in navigator mode."""
    return st.toggle("Navigator mode", key=workspace.MODE_KEY, help=MODE_HELP)


def render_workspace_panel(reader: records.UploadReader, max_upload_mb: float) -> None:
    """Switch, add, rename and remove learners; export one, or import one from a file."""
    session = st.session_state
    st.header("Learners")
    for note in workspace.take_notices(session):
        st.toast(note, icon=":material/info:")
    labels = workspace.picker_labels(session)
    # Set on every run: a rename or an added learner changes the labels under the picker.
    session[workspace.SWITCH_KEY] = workspace.picker_label(session, session[workspace.ACTIVE_KEY])
    st.selectbox(
        "Learner on screen",
        options=list(labels),
        key=workspace.SWITCH_KEY,
        on_change=_switch,
        args=(labels,),
        help="Each learner has their own records, choices, conversation and notes.",
    )
    st.text_input(
        "Learner's name",
        key=workspace.bind(session, workspace.NAME_KEY),
        on_change=_rename,
        help="Shown in this list and in the title of the advising summary.",
    )
    st.button(
        "Add learner",
        key="workspace_add",
        icon=":material/person_add:",
        on_click=workspace.add_learner,
        args=(session,),
        width="stretch",
    )
    learner = workspace.active(session)
    with st.popover(
        f"Remove {learner[workspace.NAME]}", icon=":material/person_remove:", width="stretch"
    ):
        st.markdown(
            f"Remove **{learner[workspace.NAME]}** and their records, conversation and notes "
            "from this session? This cannot be undone."
        )
        st.button(
            f"Yes, remove {learner[workspace.NAME]}",
            key="workspace_remove",
            type="primary",
            on_click=workspace.remove_learner,
            args=(session, learner[workspace.ID]),
        )
    st.download_button(
        "Export this learner",
        # Made only when clicked: nothing leaves the session unless the navigator asks for it.
        data=lambda: workspace.export_learner(learner),
        file_name=workspace.export_file_name(learner),
        mime="application/json",
        key="workspace_export",
        icon=":material/download:",
        help="A JSON file with this learner's uploaded files, choices, notes and conversation. "
        "It holds personal records: keep it somewhere safe.",
        on_click="ignore",
        width="stretch",
    )
    st.file_uploader(
        "Import a learner (JSON export)",
        type=["json"],
        key=f"workspace_import_{session.get(workspace.IMPORT_ROUND_KEY, 0)}",
        on_change=_import,
        args=(reader,),
        max_upload_size=max(1, math.ceil(max_upload_mb * IMPORT_SIZE_FACTOR)),
        help="Adds the learner from a file made with “Export this learner” as a new learner.",
    )
    failed = session.pop(IMPORT_ERROR_KEY, None)
    if failed is not None:
        message, hint = failed
        st.error(message, icon=":material/error:")
        if hint:
            st.caption(f"💡 {hint}")


def _switch(labels: dict[str, str]) -> None:
    session = st.session_state
    learner_id = labels.get(session[workspace.SWITCH_KEY])
    if learner_id is not None:
        workspace.activate(session, learner_id)


def _rename() -> None:
    session = st.session_state
    learner = workspace.active(session)
    if not workspace.rename(session, learner[workspace.ID], str(session[workspace.NAME_KEY])):
        session[workspace.NAME_KEY] = learner[workspace.NAME]


def _import(reader: records.UploadReader) -> None:
    session = st.session_state
    key = f"workspace_import_{session.get(workspace.IMPORT_ROUND_KEY, 0)}"
    upload = session.get(key)
    if upload is None:
        return
    try:
        learner = workspace.import_learner(session, reader, upload.getvalue())
    except workspace.WorkspaceFileError as exc:
        session[IMPORT_ERROR_KEY] = (exc.user_message, exc.hint)
    else:
        workspace.push_notice(session, f"Imported {learner[workspace.NAME]}.")
    # A fresh, empty uploader: the file was read once and is not kept.
    session[workspace.IMPORT_ROUND_KEY] = session.get(workspace.IMPORT_ROUND_KEY, 0) + 1
