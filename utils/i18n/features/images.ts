/** UI text: script images. Merged into the main dictionaries in ../messages.ts. */
export const zhCN = {
  syncErrImage: '图片下载或校验失败，已保留原版本：{detail}',
  imageCopied: '图片已复制，请在输入框粘贴',
  imageCopyFailed: '图片没能复制到剪贴板：{detail}',
  imagesPasted: '图片已作为附件粘贴到输入框',
  imagesAttached: '图片已放进工作台的附件上传',
  imageNotCopiedHere: '图片没能复制到剪贴板：请从侧边栏插入这条话术',
  teachAttachment: '附件按钮：已找到（输入框不收粘贴的图片时，图片放进工作台的附件上传）',
  imageOnly: '（仅图片）',
  imageCount: '{count} 张图片',
  editorImages: '图片',
  editorImagesHelp:
    '最多 4 张，PNG、JPEG、WebP 或 GIF，每张不超过 2 MB、4096×4096 像素。可点“添加图片”，也可以把图片粘贴或拖到这里。',
  editorAddImage: '添加图片',
  editorImageAlt: '图片说明',
  editorRemoveImage: '移除',
  editorImageRefused: '这张图片不能用：{detail}',
  editorImageTooMany: '每条话术最多 4 张图片',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  syncErrImage: 'An image failed to download or check; the previous version is kept: {detail}',
  imageCopied: 'Image copied: paste it into the reply box',
  imageCopyFailed: 'The image could not be copied to the clipboard: {detail}',
  imagesPasted: 'Image pasted into the reply box as an attachment',
  imagesAttached: 'Image added to the console’s attachment upload',
  imageNotCopiedHere: 'The image could not be copied to the clipboard: insert this script from the side panel',
  teachAttachment:
    'Attachment button: found (where the reply box ignores pasted pictures, they go to the console’s attachment upload)',
  imageOnly: '(image only)',
  imageCount: '{count} image(s)',
  editorImages: 'Images',
  editorImagesHelp:
    'Up to 4: PNG, JPEG, WebP or GIF, each at most 2 MB and 4096×4096 px. Click “Add image”, or paste or drop images here.',
  editorAddImage: 'Add image',
  editorImageAlt: 'What it shows',
  editorRemoveImage: 'Remove',
  editorImageRefused: 'This image cannot be used: {detail}',
  editorImageTooMany: 'At most 4 images per script',
};
