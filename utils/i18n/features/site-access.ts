/** UI text: enabling the assistant on a console that is not built in. Merged in ../messages.ts. */
export const zhCN = {
  enableOnThisSite: '在此网站启用话术助手',
  enableAttachedForNow:
    '话术助手已在本页临时运行（点击工具栏图标时启用，离开此网站即失效）。启用后，以后每次打开这个网站都会自动运行。',
  enableAskToolbar: '请在浏览器工具栏的扩展菜单中点「允许」，让话术助手访问此网站；允许后立即生效。',
  enableUseToolbarIcon: '请先点击浏览器工具栏上的话术助手图标，再点「在此网站启用」。',
  enableNotHere: '话术助手不能在这个页面上运行（浏览器页面、扩展页面或文件）。',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  enableOnThisSite: 'Enable the assistant on this site',
  enableAttachedForNow:
    'The assistant is running on this page for now (you clicked its toolbar icon; it stops when you leave this site). Enable it to run here every time.',
  enableAskToolbar:
    'Click “Allow” in the browser toolbar’s extensions menu to let the assistant access this site; it starts at once.',
  enableUseToolbarIcon: 'Click the assistant’s icon in the browser toolbar first, then “Enable on this site”.',
  enableNotHere: 'The assistant cannot run on this page (browser pages, extension pages or files).',
};
