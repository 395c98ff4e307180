"""The words of F1: Chinese names of Textual's built-in actions and widgets, and the editing keys it lists."""

from __future__ import annotations

ACTION_NAMES: dict[str, str] = {
    "app.focus_next": "下一个输入项",
    "app.focus_previous": "上一个输入项",
    "command_palette": "命令面板（按名称查找所有操作）",
    "quit": "退出",
    "cursor_up": "上移",
    "cursor_down": "下移",
    "cursor_left": "左移",
    "cursor_right": "右移",
    "cursor_left(True)": "向左选择",
    "cursor_right(True)": "向右选择",
    "cursor_up(True)": "向上选择",
    "cursor_down(True)": "向下选择",
    "cursor_left_word": "左移一个词",
    "cursor_right_word": "右移一个词",
    "cursor_word_left": "左移一个词",
    "cursor_word_right": "右移一个词",
    "cursor_left_word(True)": "向左选择一个词",
    "cursor_right_word(True)": "向右选择一个词",
    "cursor_word_left(True)": "向左选择一个词",
    "cursor_word_right(True)": "向右选择一个词",
    "cursor_line_start": "到行首",
    "cursor_line_end": "到行尾",
    "cursor_line_start(True)": "选择到行首",
    "cursor_line_end(True)": "选择到行尾",
    "cursor_page_up": "上翻一页",
    "cursor_page_down": "下翻一页",
    "home": "到开头",
    "end": "到末尾",
    "home(True)": "选择到开头",
    "end(True)": "选择到末尾",
    "delete_left": "删除左边一个字",
    "delete_right": "删除右边一个字",
    "delete_left_word": "删除左边一个词",
    "delete_word_left": "删除左边一个词",
    "delete_right_word": "删除右边一个词",
    "delete_word_right": "删除右边一个词",
    "delete_left_all": "删除光标左边全部",
    "delete_right_all": "删除光标右边全部",
    "delete_to_start_of_line": "删除到行首",
    "delete_to_end_of_line_or_delete_line": "删除到行尾",
    "delete_line": "删除整行",
    "select_all": "全选",
    "select_word": "选择一个词",
    "select_line": "选择一行",
    "submit": "确认输入",
    "cut": "剪切",
    "copy": "复制",
    "paste": "粘贴",
    "undo": "撤销",
    "redo": "重做",
    "select_cursor": "选中",
    "select": "选中",
    "show_overlay": "展开选项",
    "toggle_button": "勾选 / 取消勾选",
    "next_button": "下一个选项",
    "previous_button": "上一个选项",
    "page_up": "上翻一页",
    "page_down": "下翻一页",
    "page_left": "左翻一页",
    "page_right": "右翻一页",
    "scroll_up": "向上滚动",
    "scroll_down": "向下滚动",
    "scroll_left": "向左滚动",
    "scroll_right": "向右滚动",
    "scroll_top": "到顶部",
    "scroll_bottom": "到底部",
    "scroll_home": "到最左 / 顶部",
    "scroll_end": "到最右 / 底部",
    "first": "第一项",
    "last": "最后一项",
    "previous_tab": "上一个标签页",
    "next_tab": "下一个标签页",
    "screen.copy_text": "复制选中的文字",
}
"""Chinese names of Textual's built-in actions, whose own descriptions are English."""

WIDGET_NAMES: dict[str, str] = {
    "DataTable": "表格",
    "Input": "输入框",
    "TextArea": "多行文本框",
    "OptionList": "列表",
    "ListView": "列表",
    "Select": "下拉选择",
    "RadioSet": "单选项",
    "Checkbox": "复选框",
    "VerticalScroll": "滚动区",
    "ScrollableContainer": "滚动区",
}
"""Names for the key groups of Textual's built-in widgets."""


EDITING: dict[str, int] = {
    action: place
    for place, action in enumerate(
        (
            "home",
            "end",
            "cursor_line_start",
            "cursor_line_end",
            "cursor_left_word",
            "cursor_right_word",
            "cursor_word_left",
            "cursor_word_right",
            "delete_left",
            "delete_right",
            "delete_left_word",
            "delete_word_left",
            "delete_right_word",
            "delete_word_right",
            "delete_left_all",
            "delete_to_start_of_line",
            "delete_right_all",
            "delete_to_end_of_line_or_delete_line",
            "cut",
            "copy",
            "paste",
            "undo",
            "redo",
        )
    )
}
"""The editing keys of Textual's fields worth an operator's reading, in the order listed under 编辑.

Selecting with Shift, the Super (⌘) variants and the rest stay out of the list: they work, but a list of
forty keys hides the ten that matter.
"""

EDITING_TITLE = "编辑（在输入框中）"
"""The one heading of the fields' editing keys."""
